"""One public search over every registered type (articles, pages, announcements, …).

A content app says what of its type is searchable by passing a ``Searchable`` to
``publishing.registry.register(…, search=…)``; this module knows no content type. Each
type keeps a ``search_vector`` column (maintained by a database trigger, see
``trigger_sql``, GIN-indexed) and the search asks every type in ONE statement:

* per type, only the newest ``POOL + 1`` live matches are taken (``newest_matches``:
  bounded for common and rare words alike), ranked with ``ts_rank``;
* the union of those pools is counted per type (so the counts are capped at
  ``POOL + 1``) and one page of it is ordered by rank;
* highlighted snippets (``ts_headline``, costly) are computed for that page only.

Visibility is each type's own ``live()`` (the Searchable's ``live`` starts from it), so
an expired announcement or a scheduled article is never found. On SQLite (the demo) a
plain ``icontains`` per type stands in.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.postgres.search import CombinedSearchQuery, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    DateTimeField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import statements

POOL = 200  # matches ranked and counted per type and search (the newest ones)
SCAN = 3000  # newest live rows of a type tested row by row before the GIN index is asked
MAX_QUERY_CHARS = 200
MARK_START = "\u2983"  # characters that never appear in sanitised text as markup
MARK_STOP = "\u2984"
SLOTS = ("slug", "pd_name", "x1", "x2", "x3")  # text columns a type may fill for its rows
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_TITLE_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_STOP}, HighlightAll=true"


@dataclass
class Searchable:
    """What one type offers to the search. ``live`` returns the rows the public may find
    (it starts from ``Model.objects.live()`` and may narrow it, never widen it)."""

    key: str  # the ?jenis= value, e.g. "pengumuman"
    label: object  # plural, lazily translated
    live: object  # () -> queryset
    url: object  # (row: SearchRow) -> address
    order: int = 100
    title: str = "title"
    summary: str | None = None  # plain text field shown in the snippet
    body: str | None = None  # HTML field shown in the snippet (tags stripped)
    date: str = "published_at"  # the date shown in the results
    columns: dict = field(default_factory=dict)  # slot name -> lookup (SLOTS)
    agency: str | None = "perangkat_daerah__slug"  # lookup of the ?pd= filter
    filters: object = None  # (queryset, params) -> queryset for type-only filters
    sqlite_fields: tuple = ()  # fields searched with icontains on SQLite

    @property
    def model(self):
        return self.live().model


@dataclass
class SearchRow:
    jenis: str
    pk: int
    rank: float
    date: datetime
    title: str
    title_html: str
    snippet: str
    slug: str | None = None
    pd_name: str | None = None
    x1: str | None = None
    x2: str | None = None
    x3: str | None = None
    label: str = ""
    url: str = ""
    obj: object = None  # set by a view that shows a type with its own teaser


@dataclass
class Results:
    rows: list
    counts: dict  # jenis -> number (at most POOL + 1)
    total: int  # of the chosen type(s), at most (POOL + 1) per type
    capped: bool  # more matches exist than were counted

    def count_for(self, key):
        return self.counts.get(key, 0)


def searchables():
    from .registry import searchable_types

    return searchable_types()


def clean_query(text):
    """Any user input becomes a safe, bounded string (NUL etc. break PostgreSQL)."""
    text = _CONTROL.sub(" ", text or "")
    text = text.replace(MARK_START, " ").replace(MARK_STOP, " ")
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


class _QueryOnce(CombinedSearchQuery):
    """A tsquery computed once per statement (a scalar subquery: PostgreSQL runs it as an
    InitPlan), not once per row. In the prepared search's generic plan the text is a
    parameter, so ``websearch_to_tsquery(…)`` is not folded into a constant: it was parsed
    twice for every row the date walk tested (2,000 rows: 8 of 16 ms at 2,000 articles)."""

    def as_sql(self, compiler, connection, *args, **kwargs):
        sql, params = super().as_sql(compiler, connection, *args, **kwargs)
        return f"(SELECT {sql})", params


def tsquery(text):
    return _QueryOnce(
        SearchQuery(text, search_type="websearch", config="indonesian"),
        SearchQuery.BITOR,
        SearchQuery(text, search_type="websearch", config="simple"),
        None,
    )


def filtered(spec, params):
    """The type's live rows with the common filters (agency, dates) and its own."""
    queryset = spec.live()
    if params.get("pd"):
        if spec.agency is None:
            return queryset.none()
        queryset = queryset.filter(**{spec.agency: params["pd"]})
    # The date a reader filters by is the one each type shows (an event's start).
    if params.get("date_from"):
        queryset = queryset.filter(**{f"{spec.date}__date__gte": params["date_from"]})
    if params.get("date_to"):
        queryset = queryset.filter(**{f"{spec.date}__date__lte": params["date_to"]})
    if spec.filters:
        queryset = spec.filters(queryset, params)
    return queryset


def newest_matches(model, queryset, query):
    """SQL for the ids of the newest POOL + 1 matches in ``queryset``, in one statement
    whose cost does not grow with the archive for common words and stays small for rare
    ones.

    GIN finds matches but cannot return them newest first, and PostgreSQL cannot tell a
    rare word from a common one it has no statistics for: walking the date index and
    testing every row is fast for a common word (stops after POOL + 1 hits) and
    catastrophic for a rare one (reads the whole archive: 0.5 s at 100,000 articles).
    So the walk is limited to the newest SCAN live rows (the ``horizon``); only when it
    finds fewer than POOL + 1 matches (a rarer word) *and* older live rows exist are all
    matches fetched through the GIN index, which is then cheap because there are few.
    When the type has fewer than SCAN live rows the walk saw all of them, so its matches
    are complete (a second pass would only repeat them: 9 of the 19 ms of a search at
    2,000 articles). PostgreSQL skips a branch entirely when its one-time condition is
    false."""
    horizon = (
        model._default_manager.live()
        .order_by("-published_at")
        .values("published_at")[SCAN - 1 : SCAN]
    )
    # older live rows than the walk covers exist only if the horizon row does
    since = Coalesce(
        RawSQL("(SELECT published_at FROM horizon)", (), output_field=DateTimeField()),
        RawSQL("'-infinity'::timestamptz", (), output_field=DateTimeField()),
    )
    matches = queryset.filter(search_vector=query)
    recent = matches.filter(published_at__gte=since).order_by("-published_at").values("pk")
    recent = recent[: POOL + 1]
    # "+ 0 seconds" hides the date index, so this branch uses the GIN index
    unordered_date = ExpressionWrapper(
        F("published_at") + Value(timedelta(0)), output_field=DateTimeField()
    )
    everything = matches.order_by(unordered_date.desc()).values("pk")[: POOL + 1]
    horizon_sql, horizon_params = horizon.query.sql_with_params()
    recent_sql, recent_params = recent.query.sql_with_params()
    all_sql, all_params = everything.query.sql_with_params()
    sql = (
        f"WITH horizon AS MATERIALIZED ({horizon_sql}), recent AS MATERIALIZED ({recent_sql}) "
        f"SELECT pk FROM recent WHERE (SELECT count(*) FROM recent) > {POOL}"
        " OR NOT EXISTS (SELECT 1 FROM horizon) "
        f"UNION ALL SELECT pk FROM ({all_sql}) everything "
        f"WHERE (SELECT count(*) FROM recent) <= {POOL} AND EXISTS (SELECT 1 FROM horizon)"
    )
    return RawSQL(sql, (*horizon_params, *recent_params, *all_params))


def _text(lookup):
    if lookup is None:
        return Cast(Value(None), TextField())
    return Cast(F(lookup), TextField())


def _branch(spec, params, query):
    queryset = filtered(spec, params)
    pool = newest_matches(spec.model, queryset, query)
    columns = {
        "r_jenis": Value(spec.key, output_field=TextField()),
        "r_pk": F("pk"),
        "r_rank": Cast(SearchRank(F("search_vector"), query), FloatField()),
        "r_order": F("published_at"),
        "r_date": F(spec.date),
        "r_title": _text(spec.title),
        "r_summary": _text(spec.summary),
        "r_body": _text(spec.body),
    }
    for slot in SLOTS:
        columns[f"r_{slot}"] = _text(spec.columns.get(slot))
    branch = queryset.filter(pk__in=pool).annotate(**columns).values(*columns).order_by()
    sql, sql_params = branch.query.sql_with_params()
    names = ", ".join(f"b.{name}" for name in columns)
    return f"SELECT {names} FROM ({sql}) b", sql_params


def _statement(specs, values):
    """The search as (sql, params); ``values`` holds the text, the type, the page's limit
    and offset and the filters."""
    text = values["text"]
    query = tsquery(text)
    branches, branch_params = [], []
    for spec in specs:
        sql, sql_params = _branch(spec, values, query)
        branches.append(f"({sql})")
        branch_params.extend(sql_params)
    tsq = "(SELECT websearch_to_tsquery('indonesian'::regconfig, %s) || websearch_to_tsquery('simple'::regconfig, %s))"
    slots = ", ".join(f"page.r_{slot}" for slot in SLOTS)
    sql = (
        f"WITH hits AS MATERIALIZED ({' UNION ALL '.join(branches)}), "
        "page AS (SELECT * FROM hits WHERE (%s = '' OR r_jenis = %s)"
        " ORDER BY r_rank DESC, r_order DESC, r_jenis, r_pk DESC LIMIT %s OFFSET %s) "
        "SELECT counts.value, page.r_jenis, page.r_pk, page.r_rank, page.r_date, page.r_title, "
        f"ts_headline('indonesian'::regconfig, page.r_title, {tsq}, %s), "
        "ts_headline('indonesian'::regconfig, concat_ws(' … ', nullif(page.r_summary, ''),"
        " nullif(regexp_replace(coalesce(page.r_body, ''), '<[^>]*>', ' ', 'g'), '')),"
        f" {tsq}, %s), {slots} "
        "FROM (SELECT string_agg(r_jenis || '=' || n, ',') AS value FROM"
        " (SELECT r_jenis, count(*) AS n FROM hits GROUP BY r_jenis) grouped) counts"
        " LEFT JOIN page ON true ORDER BY page.r_rank DESC, page.r_order DESC,"
        " page.r_jenis, page.r_pk DESC"
    )
    jenis = values["jenis"]
    all_params = [
        *branch_params,
        jenis,
        jenis,
        values["limit"],
        values["offset"],
        text,
        text,
        _TITLE_HEADLINE,
        text,
        text,
        _HEADLINE,
    ]
    return sql, all_params


FILTERS = ("pd", "category", "date_from", "date_to")


def search(text, params, jenis="", number=1, per_page=12):
    """One page of the results of every searchable type (or of ``jenis`` only), with the
    counts per type. One query on PostgreSQL, compiled once per shape (which filters are
    given) and process and then reused with this search's values (publishing.statements)."""
    specs = searchables()
    if connection.vendor != "postgresql":
        return _search_sqlite(specs, text, params, jenis, number, per_page)
    given = {name: params[name] for name in FILTERS if params.get(name)}
    absent = {name: params.get(name) for name in FILTERS if name not in given}
    inputs = {"text": text, "jenis": jenis, "limit": per_page, "offset": (number - 1) * per_page}
    key = (
        "search",
        tuple(spec.key for spec in specs),
        tuple(sorted(given)),
        POOL,
        SCAN,
        timezone.get_current_timezone_name(),
    )
    fetched = statements.fetchall(
        key, lambda values: _statement(specs, {**absent, **values}), {**inputs, **given}
    )
    counts = _counts(fetched[0][0] if fetched else None)
    rows = []
    for record in fetched:
        if record[1] is None:
            continue
        jenis_, pk, rank, date, title, title_hl, snippet, *slot_values = record[1:]
        rows.append(
            SearchRow(
                jenis=jenis_,
                pk=pk,
                rank=rank,
                date=date,
                title=title,
                title_html=snippet_html(title_hl) or escape(title),
                snippet=snippet_html(snippet),
                **dict(zip(SLOTS, slot_values, strict=True)),
            )
        )
    return _finish(specs, rows, counts, jenis)


def _counts(raw):
    counts = {}
    for part in (raw or "").split(","):
        if "=" in part:
            key, n = part.rsplit("=", 1)
            counts[key] = int(n)
    return counts


def _finish(specs, rows, counts, jenis):
    by_key = {spec.key: spec for spec in specs}
    for row in rows:
        spec = by_key[row.jenis]
        row.label = spec.label
        row.url = spec.url(row)
    chosen = [jenis] if jenis else list(by_key)
    total = sum(counts.get(key, 0) for key in chosen)
    capped = any(counts.get(key, 0) > POOL for key in chosen)
    return Results(rows=rows, counts=counts, total=total, capped=capped)


def _search_sqlite(specs, text, params, jenis, number, per_page):
    """The demo database: icontains per type, newest first (no ranking, no snippets)."""
    words = text.split()[:8]
    counts, found = {}, []
    for spec in specs:
        condition = Q()
        for word in words:
            any_field = Q()
            for name in spec.sqlite_fields or (spec.title,):
                any_field |= Q(**{f"{name}__icontains": word})
            condition &= any_field
        lookups = {slot: spec.columns[slot] for slot in SLOTS if slot in spec.columns}
        values = ["pk", "published_at", spec.date, spec.title, *lookups.values()]
        if spec.summary:
            values.append(spec.summary)
        matches = list(
            filtered(spec, params)
            .filter(condition)
            .order_by("-published_at")
            .values_list(*values)[: POOL + 1]
        )
        counts[spec.key] = len(matches)
        if jenis and spec.key != jenis:
            continue
        for match in matches:
            pk, order, date, title, *rest = match
            slot_values = dict(zip(lookups, rest, strict=False))
            summary = rest[len(lookups)] if spec.summary else ""
            found.append(
                (
                    order,
                    SearchRow(
                        jenis=spec.key,
                        pk=pk,
                        rank=0.0,
                        date=date,
                        title=title,
                        title_html=escape(title),
                        snippet=escape(summary or ""),
                        **{k: (str(v) if v is not None else None) for k, v in slot_values.items()},
                    ),
                )
            )
    found.sort(key=lambda pair: pair[0], reverse=True)
    counts = {key: n for key, n in counts.items() if n}
    bottom = (number - 1) * per_page
    rows = [row for _order, row in found[bottom : bottom + per_page]]
    return _finish(specs, rows, counts, jenis)


def snippet_html(raw):
    """Escape a snippet and turn the markers into <mark> elements."""
    if not raw:
        return ""
    markup = escape(html.unescape(raw)).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(markup)  # noqa: S308 - everything else was escaped above


def trigger_sql(table, parts):
    """Statements that keep ``<table>.search_vector`` up to date (PostgreSQL): ``parts``
    are (SQL expression over NEW, weight) pairs; each part is indexed with both the
    Indonesian stemmer and unstemmed ("simple"), as for articles. Returns (forward,
    backward) lists for a migration."""
    function = f"{table}_search_vector"
    pieces = []
    for expression, weight in parts:
        text = f"coalesce(({expression})::text, '')"
        for config in ("indonesian", "simple"):
            pieces.append(f"setweight(to_tsvector('pg_catalog.{config}', {text}), '{weight}')")
    body = " ||\n            ".join(pieces)
    forward = [
        f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := {body};
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """,
        f"CREATE TRIGGER {function}_trg BEFORE INSERT OR UPDATE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"UPDATE {table} SET search_vector = NULL",
        f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table}"
        " USING gin (search_vector) WITH (fastupdate = off)",
    ]
    backward = [
        f"DROP INDEX IF EXISTS {table}_search_gin",
        f"DROP TRIGGER IF EXISTS {function}_trg ON {table}",
        f"DROP FUNCTION IF EXISTS {function}()",
    ]
    return forward, backward


def html_text(expression):
    """SQL for the text of an HTML column (tags become spaces), for ``trigger_sql``."""
    return f"regexp_replace(coalesce({expression}, ''), '<[^>]*>', ' ', 'g')"


def postgresql_only(statements):
    """A RunPython function running ``statements`` on PostgreSQL only."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation
