"""Public search: PostgreSQL full-text search (title > lead > body) plus trigram similarity.

The vector (``Article.search_vector``) is kept by a database trigger and indexed with
GIN (migration 0003_public_search); it holds stemmed ("indonesian") and unstemmed
("simple") lexemes, and the query is the OR of both, so "berita" finds "berita" even
though the Indonesian stemmer turns it into "ita". Trigram word similarity on the
title catches acronyms and typos ("diskominfo", "vaksinsi"). On SQLite the search
falls back to ``icontains``.
"""

import html
import re
from datetime import UTC

from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection, models
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.models import PerangkatDaerah

from .models import Category

MAX_QUERY_CHARS = 200
POOL = 200  # matches ranked and counted per search (the newest ones)
SCAN = 3000  # newest live articles tested row by row before the GIN index is asked
MARK_START = "\u2983"  # characters that never appear in sanitised text as markup
MARK_STOP = "\u2984"
_OPERATORS = re.compile(r'"|(^|\s)-\w|\sor\s', re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(text):
    """Any user input becomes a safe, bounded string (NUL etc. break PostgreSQL)."""
    text = _CONTROL.sub(" ", text or "")
    text = text.replace(MARK_START, " ").replace(MARK_STOP, " ")
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=10_000)
    kategori = forms.ChoiceField(label=_("Category"), required=False)
    pd = forms.ChoiceField(label=_("Regional agency"), required=False)
    dari = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories, agencies = _filter_choices()
        self.fields["kategori"].choices = [("", _("All categories")), *categories]
        self.fields["pd"].choices = [("", _("All agencies")), *agencies]

    def cleaned(self):
        """Cleaned values, ignoring invalid fields instead of failing the search."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": clean_query(self.data.get("q", "")),
            "category": data.get("kategori"),
            "pd": data.get("pd"),
            "date_from": data.get("dari"),
            "date_to": data.get("sampai"),
        }


def _filter_choices():
    """(slug, name) choices of the category and agency selects, read in one query."""
    kind = models.CharField()
    categories = Category.objects.annotate(kind=Value("c", output_field=kind)).values_list(
        "kind", "order", "name", "slug"
    )
    agencies = (
        PerangkatDaerah.objects.active()
        .annotate(kind=Value("p", output_field=kind))
        .values_list("kind", "order", "name", "slug")
    )
    rows = sorted(categories.order_by().union(agencies.order_by(), all=True))
    return (
        [(slug, name) for k, _order, name, slug in rows if k == "c"],
        [(slug, name) for k, _order, name, slug in rows if k == "p"],
    )


def apply_filters(queryset, params):
    if params.get("category"):
        queryset = queryset.filter(category__slug=params["category"])
    if params.get("pd"):
        queryset = queryset.filter(perangkat_daerah__slug=params["pd"])
    if params.get("date_from"):
        queryset = queryset.filter(published_at__date__gte=params["date_from"])
    if params.get("date_to"):
        queryset = queryset.filter(published_at__date__lte=params["date_to"])
    return queryset


def _body_text():
    return Func(
        F("body"),
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def _query(text):
    return SearchQuery(text, search_type="websearch", config="indonesian") | SearchQuery(
        text, search_type="websearch", config="simple"
    )


def search(queryset, text, fuzzy=False):
    """Matching articles ordered by relevance (title > lead > body, then trigram)."""
    if not text:
        return queryset.none()
    if connection.vendor != "postgresql":
        words = text.split()[:8]
        condition = Q()
        for word in words:
            condition &= (
                Q(title__icontains=word) | Q(lead__icontains=word) | Q(body__icontains=word)
            )
        return queryset.filter(condition)
    query = _query(text)
    if fuzzy:
        # Fallback when the full-text search found nothing: trigram word similarity on
        # the title catches typos ("vaksinsi") and spelling variants of acronyms.
        similarity = TrigramWordSimilarity(Value(text), "title")
        return (
            queryset.filter(title__trigram_word_similar=text)
            .annotate(rank=similarity)
            .order_by("-rank", "-published_at")
        )
    # Bounded: only the newest POOL + 1 matches are ranked (and counted; the page then
    # says "more than POOL results"), so a word found in half of a 100,000-article
    # archive costs the same as one found in 50 articles. See _newest_matches.
    pool = _newest_matches(queryset, query)
    return (
        queryset.filter(pk__in=pool)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-published_at")
    )


def _newest_matches(queryset, query):
    """SQL for the ids of the newest POOL + 1 matches, in one statement whose cost does
    not grow with the archive for common words and stays small for rare ones.

    GIN finds matches but cannot return them newest first, and PostgreSQL cannot tell a
    rare word from a common one it has no statistics for: walking the date index and
    testing every row is fast for a common word (stops after POOL + 1 hits) and
    catastrophic for a rare one (reads the whole archive: 0.5 s at 100,000 articles).
    So the walk is limited to the newest SCAN live articles; only when it finds
    fewer than POOL + 1 matches (a rarer word) are all matches fetched through the GIN
    index, which is then cheap because there are few. PostgreSQL skips the second branch
    entirely when its one-time condition is false."""
    from datetime import datetime, timedelta

    from django.db.models import DateTimeField, ExpressionWrapper, Subquery
    from django.db.models.expressions import RawSQL
    from django.db.models.functions import Coalesce

    from .models import Article

    horizon = Coalesce(
        Subquery(
            Article.objects.live().order_by("-published_at").values("published_at")[SCAN - 1 : SCAN]
        ),
        Value(datetime(1900, 1, 1, tzinfo=UTC)),
    )
    matches = queryset.filter(search_vector=query)
    recent = (
        matches.filter(published_at__gte=horizon).order_by("-published_at").values("pk")[: POOL + 1]
    )
    # "+ 0 seconds" hides the date index, so this branch uses the GIN index
    unordered_date = ExpressionWrapper(
        F("published_at") + Value(timedelta(0)), output_field=DateTimeField()
    )
    everything = matches.order_by(unordered_date.desc()).values("pk")[: POOL + 1]
    recent_sql, recent_params = recent.query.sql_with_params()
    all_sql, all_params = everything.query.sql_with_params()
    sql = (
        f"WITH recent AS MATERIALIZED ({recent_sql}) "
        f"SELECT pk FROM recent WHERE (SELECT count(*) FROM recent) > {POOL} "
        f"UNION ALL SELECT pk FROM ({all_sql}) everything "
        f"WHERE (SELECT count(*) FROM recent) <= {POOL}"
    )
    return RawSQL(sql, (*recent_params, *all_params))


def fuzzy_allowed(text):
    """Typo tolerance only for plain words: with websearch operators ("phrase", -word,
    or) the reader asked for exactness."""
    return connection.vendor == "postgresql" and not _OPERATORS.search(text)


def add_snippets(articles, text):
    """Set ``article.snippet`` (safe HTML with <mark>) on one page of results, in one
    query: ts_headline is costly, so it runs for the shown rows only."""
    from .models import Article

    articles = list(articles)
    if not articles:
        return articles
    if connection.vendor != "postgresql":
        for article in articles:
            article.snippet = article.lead
        return articles
    headlines = {
        pk: (snippet, title)
        for pk, snippet, title in Article.objects.filter(pk__in=[a.pk for a in articles])
        .annotate(
            headline=SearchHeadline(
                Concat(
                    Coalesce("lead", Value(""), output_field=TextField()),
                    Value(" … "),
                    _body_text(),
                    output_field=TextField(),
                ),
                _query(text),
                config="indonesian",
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .annotate(
            title_headline=SearchHeadline(
                "title",
                _query(text),
                config="indonesian",
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            )
        )
        .values_list("pk", "headline", "title_headline")
    }
    for article in articles:
        snippet, title = headlines.get(article.pk, ("", ""))
        article.snippet = snippet_html(snippet)
        article.title_html = snippet_html(title)
    return articles


def snippet_html(raw):
    """Escape a snippet and turn the markers into <mark> elements."""
    if not raw:
        return ""
    markup = escape(html.unescape(raw)).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(markup)  # noqa: S308 - everything else was escaped above
