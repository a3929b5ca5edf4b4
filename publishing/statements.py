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
"""

from datetime import UTC, datetime

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
        return -917_000_000 - 10 * index - n
    if isinstance(value, datetime):
        return datetime(1901 + index, 1, n, tzinfo=value.tzinfo)
    if hasattr(value, "isoformat"):  # a date
        return type(value)(1901 + index, 1, n)
    return f"\x1fstand-in-{index}-{n}\x1f"


def compiled(key, build, inputs):
    """``(sql, params)`` of ``build(inputs)`` (``inputs``: name -> value; ``build`` must
    not run queries). The shape of the statement may depend on which inputs are given
    (put that in ``key``), not on their values."""
    template = _templates.get(key)
    if template is None:
        if len(_templates) >= MAX_TEMPLATES:
            _templates.clear()
        template = _templates[key] = _template(build, inputs) or False
    if template is False:
        return build(inputs)
    sql, slots = template
    now = timezone.now()
    params = [
        now if kind == _NOW else inputs[value] if kind == _INPUT else value for kind, value in slots
    ]
    return sql, params


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
