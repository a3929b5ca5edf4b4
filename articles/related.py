"""Related articles from a bounded candidate set, and the article page's one-query extras.

Newsrooms tag almost every article with the same few tags (the regency, "pemkab", the
office's name), so ranking *every* article that shares any tag grows with the whole
archive (≈ 390 ms per article page at 2,000 articles with such tags). Instead the
candidates are the newest ``PER_TAG`` live articles of each of the article's tags
(at most ``MAX_TAGS`` tags) plus the newest ``PER_TAG`` of its category: each part is a
small index-ordered query, so the candidate set has at most
``PER_TAG × (MAX_TAGS + 1)`` rows whatever the archive size. Those are ranked by the
number of shared tags, then newest first. A rare tag therefore still brings its
articles in (they are among that tag's newest), and a tag on every article only
brings the newest few.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from .models import Article, PublicListing

PER_TAG = 12
MAX_TAGS = 10


def _tagged(tag_ids):
    return TaggedItem.objects.filter(
        tag_id__in=tag_ids, content_type=ContentType.objects.get_for_model(Article)
    )


def candidate_pools(article, tag_ids, live):
    """Querysets of candidate ids: the newest PER_TAG per tag and of the category."""
    pools = []
    for tag_id in tag_ids[:MAX_TAGS]:
        if connection.vendor == "postgresql":  # the tag's newest rows of the listing index
            pools.append(
                PublicListing.objects.live()
                .filter(kind=PublicListing.Kind.TAG, key=tag_id)
                .exclude(article_id=article.pk)
                .order_by("-published_at", "-article_id")
                .values("article_id")[:PER_TAG]
            )
            continue
        pools.append(
            live.filter(pk__in=_tagged([tag_id]).values("object_id"))
            .exclude(pk=article.pk)
            .order_by("-published_at", "-pk")
            .values("pk")[:PER_TAG]
        )
    if article.category_id:
        pools.append(
            live.filter(category_id=article.category_id)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-pk")
            .values("pk")[:PER_TAG]
        )
    return pools


def related(article, tag_ids, live, teasers, limit=4, generation=None):
    """Up to ``limit`` live teasers sharing the most tags, then the category; newest first.
    One query on PostgreSQL (UNION ALL of the bounded pools inside IN), made once per
    article and content generation in each process (like the teasers: any visible
    change or scheduled publication starts a new generation). ``live`` and ``teasers``
    are functions giving the querysets (built only when the memo has no answer)."""
    from . import fragments

    key = ("related", article.pk, tuple(tag_ids), limit)
    return fragments.memo(
        generation, key, lambda: _related(article, tag_ids, live(), teasers(), limit)
    )


def _related(article, tag_ids, live, teasers, limit):
    pools = candidate_pools(article, tag_ids, live)
    if not pools:
        return []
    if connection.vendor == "postgresql":
        ids = pools[0].union(*pools[1:], all=True) if len(pools) > 1 else pools[0]
    else:  # SQLite (the embedded default) cannot LIMIT inside a compound statement
        ids = {pk for pool in pools for pk in pool.values_list("pk", flat=True)}
    shared = Subquery(
        _tagged(tag_ids)
        .filter(object_id=OuterRef("pk"))
        .values("object_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    ranked = (
        teasers.filter(pk__in=ids)
        .annotate(shared=Coalesce(shared, 0))
        .order_by("-shared", "-published_at", "-pk")
    )
    return list(ranked[:limit])


class Neighbour:
    """What the previous/next links need: a title and an address."""

    def __init__(self, data):
        self.title = data["title"]
        self.slug = data["slug"]

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})


def with_extras(queryset, live):
    """Annotate the detail queryset with the previous/next live article (title and slug)
    and, on PostgreSQL, the tags as one JSON list, so that the page needs no separate
    queries for them (the article page's query budget)."""
    fields = JSONObject(title="title", slug="slug")
    older = (
        live.filter(published_at__lt=OuterRef("published_at"))
        .order_by("-published_at", "-pk")
        .annotate(data=fields)
        .values("data")[:1]
    )
    newer = (
        live.filter(published_at__gt=OuterRef("published_at"))
        .order_by("published_at", "pk")
        .annotate(data=fields)
        .values("data")[:1]
    )
    queryset = queryset.annotate(previous_data=Subquery(older), next_data=Subquery(newer))
    if connection.vendor != "postgresql":
        return queryset.prefetch_related("tags")
    from django.contrib.postgres.aggregates import JSONBAgg

    tags = (
        TaggedItem.objects.filter(
            object_id=OuterRef("pk"), content_type=ContentType.objects.get_for_model(Article)
        )
        .values("object_id")
        .annotate(
            data=JSONBAgg(
                JSONObject(id="tag_id", name="tag__name", slug="tag__slug"),
                order_by="tag__name",
            )
        )
        .values("data")
    )
    return queryset.annotate(tag_data=Subquery(tags))


def extras(article):
    """(previous, next, tags) of an article loaded through ``with_extras``."""
    previous = Neighbour(article.previous_data) if article.previous_data else None
    following = Neighbour(article.next_data) if article.next_data else None
    if hasattr(article, "tag_data"):
        tags = [Tag(**item) for item in article.tag_data or []]
    else:
        tags = list(article.tags.all())
    return previous, following, tags
