"""Compiled SQL reused across requests, for statements whose Python-side construction
costs more than running them (the one search over every type: seven ORM branches took
~25 ms to build and ~10 ms to run at 2,000 articles).

``compiled(key, build, inputs)`` builds the statement for a ``key`` (its shape: which
inputs are given, the settings it depends on) once per process, twice, with two sets of
stand-in values, and with ``live()`` comparing with two stand-in times
(``publishing.models.STAND_IN_NOW``). Where the two compilations differ is exactly where
an input or the time goes; every later call fills those places with the request's values
and the time *now*, so ``live()`` is as exact as if the statement had been built anew.
If the two compilations differ in any other way (the SQL itself, or a value derived from
an input or from the time), the statement is not reused: it is built for every call.

``fetchall(key, build, inputs)`` also runs it. A reused statement's text is the same for
every call, so on PostgreSQL it is prepared on the server (when the settings allow it:
``prepare_threshold`` in the database OPTIONS, ``DATABASE_PREPARED_STATEMENTS``): parsed
and planned once per connection instead of once per call; after five executions
PostgreSQL keeps a generic plan when that is no dearer than the custom ones. Planning
the search was 7-10 ms of a 15-25 ms statement at 100,000 articles.

``instances(key, build, inputs)`` does the same for a queryset (``select_related`` and
annotations included) and returns its model instances, loaded as Django's own
``ModelIterable`` loads them: for pages whose one query costs more to build and compile
than to run (an article's page: seven subquery annotations).
"""

import functools
from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.utils import CursorDebugWrapper
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.sql.compiler import EmptyResultSet
from django.utils import timezone

from .models import STAND_IN_NOW

_TIMES = (
    datetime(2001, 1, 1, 1, 1, 1, 101101, tzinfo=UTC),
    datetime(2002, 2, 2, 2, 2, 2, 202202, tzinfo=UTC),
)
_NOW, _INPUT, _FIXED = range(3)
_templates = {}
MAX_TEMPLATES = 256


def stand_in(value, index, second=False):
    """A stand-in of the type of ``value`` that no real input is: one pair per input
    (``index``) and compilation (``second``)."""
    n = 2 if second else 1
    if value is None or isinstance(value, bool):
        raise TypeError("an absent input or a flag changes the statement's shape: key it")
    if isinstance(value, int):
        # within the range of every integer field (Django answers an out-of-range
        # lookup with an empty result, which would change the statement)
        return 32_000 + 10 * index + n
    if isinstance(value, datetime):
        return datetime(1901 + index, 1, n, tzinfo=value.tzinfo)
    if hasattr(value, "isoformat"):  # a date
        return type(value)(1901 + index, 1, n)
    return f"\x1fstand-in-{index}-{n}\x1f"


def compiled(key, build, inputs):
    """``(sql, params)`` of ``build(inputs)`` (``inputs``: name -> value; ``build`` must
    not run queries). The shape of the statement may depend on which inputs are given
    (put that in ``key``), not on their values."""
    sql, params, _reused = _compiled(key, build, inputs)
    return sql, params


def fetchall(key, build, inputs):
    """The rows of ``compiled(key, build, inputs)`` (default database); a reused
    statement is prepared on the server (see the module's note)."""
    sql, params, reused = _compiled(key, build, inputs)
    with _cursor(prepared=reused) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _compiled(key, build, inputs):
    template = _templates.get(key)
    if template is None:
        if len(_templates) >= MAX_TEMPLATES:
            _templates.clear()
        try:
            template = _template(build, inputs)
        except EmptyResultSet:  # a stand-in the statement cannot hold: never reused
            template = None
        template = _templates[key] = template or False
    if template is False:
        return *build(inputs), False
    sql, slots = template
    return sql, _fill(slots, inputs), True


def _cursor(prepared):
    """Django's cursor, or (``prepared`` on PostgreSQL when the settings allow prepared
    statements) one that binds the parameters on the server and prepares the statement.
    Either way it is wrapped as Django wraps its own (execute wrappers, query logging,
    error translation), as ``BaseDatabaseWrapper._cursor`` does. Django's own cursors
    bind on the client and are never prepared, whatever ``prepare_threshold`` says."""
    options = connection.settings_dict.get("OPTIONS", {})
    if (
        not prepared
        or connection.vendor != "postgresql"
        or options.get("prepare_threshold") is None
    ):
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = _preparing_cursor()(connection.connection)
    connection.validate_thread_sharing()
    if connection.queries_logged:
        return _PreparedDebugCursor(cursor, connection)
    return connection.make_cursor(cursor)


class _PreparedDebugCursor(CursorDebugWrapper):
    """Logs the statement's text (with placeholders) where Django logs the "last executed
    query": psycopg keeps none for a prepared statement, so the log showed None."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return super(CursorDebugWrapper, self).execute(sql, params)


@functools.cache
def _preparing_cursor():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """Server-side binding; every statement prepared (psycopg keeps up to 100 per
        connection and deallocates them after a rollback)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


def _fill(slots, inputs):
    now = timezone.now()
    return [
        now if kind == _NOW else inputs[value] if kind == _INPUT else value for kind, value in slots
    ]


_loaders = {}


def forget(**kwargs):
    """Drop every compiled statement (after migrate or flush: the fixed values in them,
    e.g. content type ids, may have changed)."""
    _templates.clear()
    _loaders.clear()


def instances(key, build, inputs):
    """The model instances of the queryset ``build(inputs)`` (which must not run queries),
    its SQL compiled once per ``key`` and process as by ``compiled``; built and run the
    ordinary way when it cannot be reused."""
    loader = _loaders.get(key)
    if loader is None:
        if len(_loaders) >= MAX_TEMPLATES:
            _loaders.clear()
        loader = _loaders[key] = _Loader.prepare(build, inputs) or False
    if loader is False:
        return list(build(inputs))
    return loader.load(inputs)


class _NotInstances(Exception):
    pass


class _Loader:
    """A compiled queryset: its SQL with the places of the inputs and the time, and the
    compiler that knows how to turn its rows into instances."""

    def __init__(self, sql, slots, compiler, using):
        self.sql, self.slots, self.compiler, self.using = sql, slots, compiler, using
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        self.model = klass_info["model"]
        self.model_slice = slice(fields[0], fields[-1] + 1)
        self.init_list = [f[0].target.attname for f in select[self.model_slice]]
        self.populators = get_related_populators(klass_info, select, using)
        self.annotations = tuple(compiler.annotation_col_map.items())

    @classmethod
    def prepare(cls, build, inputs):
        compilers = []

        def build_sql(values):
            queryset = build(values)
            if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups:
                raise _NotInstances  # values(), prefetches: left to the queryset
            compiler = queryset.query.get_compiler(using=queryset.db)
            compilers.append((compiler, queryset.db))
            return compiler.as_sql()

        try:
            template = _template(build_sql, inputs)
        except (EmptyResultSet, _NotInstances):
            return None
        if template is None:
            return None
        compiler, using = compilers[0]
        return cls(*template, compiler, using)

    def load(self, inputs):
        compiler = self.compiler
        on_default = self.using == DEFAULT_DB_ALIAS  # the replica's settings may differ
        with (
            _cursor(prepared=on_default)
            if on_default
            else connections[self.using].cursor() as cursor
        ):
            cursor.execute(self.sql, _fill(self.slots, inputs))
            rows = cursor.fetchall()
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        found = []
        for row in compiler.results_iter(results=[rows]):
            obj = self.model.from_db(self.using, self.init_list, row[self.model_slice])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            found.append(obj)
        return found


def _template(build, inputs):
    names = sorted(inputs)
    runs = []
    for run, time in enumerate(_TIMES):
        values = {name: stand_in(inputs[name], i, second=run == 1) for i, name in enumerate(names)}
        token = STAND_IN_NOW.set(time)
        try:
            runs.append(build(values))
        finally:
            STAND_IN_NOW.reset(token)
    (sql, first), (sql_again, second) = runs
    if sql != sql_again or len(first) != len(second):
        return None
    by_pair = {
        (stand_in(inputs[name], i), stand_in(inputs[name], i, second=True)): name
        for i, name in enumerate(names)
    }
    slots = []
    for a, b in zip(first, second, strict=True):
        if type(a) is datetime and (a, b) == _TIMES:
            slots.append((_NOW, None))
        elif _hashable(a, b) and (a, b) in by_pair and type(a) is type(b):
            slots.append((_INPUT, by_pair[(a, b)]))
        elif type(a) is type(b) and a == b and a not in _TIMES:
            slots.append((_FIXED, a))
        else:  # derived from an input or from the time: cannot be filled in
            return None
    return sql, slots


def _hashable(*values):
    try:
        hash(values)
    except TypeError:
        return False
    return True
