"""The article page's one query is compiled once per process and filled per request
(publishing.statements.instances, issue 12: building and compiling it cost more than
running it). What it loads must be what the ordinary queryset loads, and live() must
compare with the time of each request, not of the compilation."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import views
from articles.models import Article, GalleryItem
from publishing import statements
from tests.factories import add_byline, make_image
from tests.page_cache_support import jump

pytestmark = pytest.mark.django_db

KEY = ("article-detail", "postgresql")


def build(inputs):
    return views._detail_queryset().filter(slug=inputs["slug"])[:1]


def fields(obj):
    return {k: v for k, v in obj.__dict__.items() if k != "_state"}


def test_the_compiled_query_loads_what_the_ordinary_queryset_loads(publish):
    statements._loaders.clear()
    plain = publish(title="Tanpa galeri")
    full = publish(title="Dengan galeri", byline="Wak Hedir")
    add_byline(full, "Siti Aminah")
    GalleryItem.objects.create(article=full, image=make_image(), caption="Perahu")
    for article in (plain, full, plain, full):
        compiled = statements.instances(KEY, build, {"slug": article.slug})
        ordinary = list(build({"slug": article.slug}))
        assert len(compiled) == len(ordinary) == 1
        assert fields(compiled[0]) == fields(ordinary[0])
        assert compiled[0].byline_data == ordinary[0].byline_data
        for relation in ("category", "perangkat_daerah", "featured_image"):
            assert fields(getattr(compiled[0], relation)) == fields(getattr(ordinary[0], relation))
        assert sorted(compiled[0]._state.fields_cache) == sorted(ordinary[0]._state.fields_cache)
    assert isinstance(statements._loaders[KEY], statements._Loader)  # reused, not rebuilt
    assert statements.instances(KEY, build, {"slug": "tidak-ada"}) == []
    assert [
        b["display_name"]
        for b in statements.instances(KEY, build, {"slug": full.slug})[0].byline_data
    ] == ["Wak Hedir", "Siti Aminah"]


def test_the_compiled_query_compares_with_the_time_of_each_request(client, publish, monkeypatch):
    statements._loaders.clear()
    now_live = publish(title="Sudah tayang")
    assert client.get(now_live.get_absolute_url()).status_code == 200  # compiled here
    assert isinstance(statements._loaders[KEY], statements._Loader)
    scheduled = publish(title="Terjadwal", when=timezone.now() + timedelta(minutes=2))
    expiring = publish(title="Kedaluwarsa")
    Article.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() + timedelta(minutes=2))
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get(expiring.get_absolute_url()).status_code == 200
    jump(monkeypatch, 3 * 60)  # nothing saved
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert client.get(expiring.get_absolute_url()).status_code == 404


def test_a_query_without_instances_or_with_a_time_derived_value_is_not_reused(db):
    key = ("test-values",)
    statements.instances(
        key, lambda i: Article.objects.filter(slug=i["slug"]).values("pk"), {"slug": "x"}
    )
    assert statements._loaders[key] is False
    key = ("test-derived-time",)
    statements.instances(
        key,
        lambda i: Article.objects.live().filter(
            slug=i["slug"], published_at__gte=(timezone.now() - timedelta(days=1))
        ),
        {"slug": "x"},
    )
    assert statements._loaders[key] is False  # the real time would be frozen: built each time


def test_the_article_page_is_still_one_statement(client, publish, settings):
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE = False
    article = publish(title="Satu kueri")
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    article_queries = [q for q in queries if 'FROM "articles_article"' in q["sql"]]
    assert len(article_queries) == 1, [q["sql"][:120] for q in queries]


def test_a_migration_or_flush_drops_every_compiled_statement(publish):
    """Compiled statements hold fixed row ids (content types); a flush between
    transactional tests renumbers them (an article page then showed no tags)."""
    from django.core.management.sql import emit_post_migrate_signal

    article = publish(title="Bertag", tags=["pembangunan"])
    statements.instances(KEY, build, {"slug": article.slug})
    statements.compiled(("test-forget",), lambda i: ("SELECT %s", [i["x"]]), {"x": 1})
    assert statements._loaders and statements._templates
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not statements._loaders and not statements._templates
