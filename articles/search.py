"""The search form and what the news add to the one public search (publishing.search).

The vector (``Article.search_vector``) is kept by a database trigger and indexed with
GIN (migration 0003_public_search); it holds stemmed ("indonesian") and unstemmed
("simple") lexemes, and the query is the OR of both, so "berita" finds "berita" even
though the Indonesian stemmer turns it into "ita". When nothing of any type is found,
trigram word similarity on the article title catches acronyms and typos
("diskominfo", "vaksinsi").
"""

import re

from django import forms
from django.contrib.postgres.search import SearchHeadline, TrigramWordSimilarity
from django.db import connection, models
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.models import PerangkatDaerah
from publishing.memo import memo
from publishing.search import (
    MARK_START,
    MARK_STOP,
    clean_query,
    searchables,
    snippet_html,
    tsquery,
)

from .models import Category

_OPERATORS = re.compile(r'"|(^|\s)-\w|\sor\s', re.IGNORECASE)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=10_000)
    jenis = forms.ChoiceField(label=_("Type"), required=False)
    kategori = forms.ChoiceField(label=_("Category"), required=False)
    pd = forms.ChoiceField(label=_("Regional agency"), required=False)
    dari = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, generation=None, **kwargs):
        """``generation``: the page's content generation; the category and agency choices
        are read once per generation (a rename or a new agency renews it)."""
        super().__init__(*args, **kwargs)
        categories, agencies = memo(generation, ("search-filter-choices",), _filter_choices)
        self.fields["kategori"].choices = [("", _("All categories")), *categories]
        self.fields["pd"].choices = [("", _("All agencies")), *agencies]
        self.fields["jenis"].choices = [
            ("", _("All types")),
            *[(spec.key, spec.label) for spec in searchables()],
        ]

    def cleaned(self):
        """Cleaned values, ignoring invalid fields instead of failing the search."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": clean_query(self.data.get("q", "")),
            "jenis": data.get("jenis") or "",
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


def fuzzy(queryset, text):
    """Fallback when the full-text search found nothing: trigram word similarity on the
    article title catches typos ("vaksinsi") and spelling variants of acronyms."""
    similarity = TrigramWordSimilarity(Value(text), "title")
    return (
        queryset.filter(title__trigram_word_similar=text)
        .annotate(rank=similarity)
        .order_by("-rank", "-published_at")
    )


def searchable():
    """What the one public search (publishing.search) finds of the news."""
    from django.urls import reverse

    from publishing.search import Searchable

    from .models import Article

    def by_category(queryset, params):
        if params.get("category"):
            queryset = queryset.filter(category__slug=params["category"])
        return queryset

    return Searchable(
        key="berita",
        label=_("News"),
        order=10,
        live=Article.objects.live,
        url=lambda row: reverse("articles:detail", kwargs={"slug": row.slug}),
        summary="lead",
        body="body",
        columns={"slug": "slug", "pd_name": "perangkat_daerah__name"},
        filters=by_category,
        sqlite_fields=("title", "lead", "body"),
    )


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
                tsquery(text),
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
                tsquery(text),
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


def apply_filters(queryset, params):
    """The form's filters on news (the typo-tolerant fallback)."""
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
