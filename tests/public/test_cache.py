"""Page cache with exact invalidation, HTTP validators, and most-read counting.

Runs against the default local-memory cache and against real Redis (db 3)."""

import os
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticleDailyViews
from publishing import workflow
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"], autouse=True)
def backend(request, settings):
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "kominfo.cache.ResilientRedisCache",  # as in production
                "LOCATION": f"redis://127.0.0.1:6379/{os.environ.get('TEST_REDIS_DB', '3')}",
                "KEY_PREFIX": "kominfo-test",
            }
        }
    settings.PUBLIC_PAGE_CACHE = True
    cache.clear()
    yield request.param
    cache.clear()


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_second_request_is_served_from_cache_with_validators(client, publish):
    publish()
    first = get(client, "/")
    second = get(client, "/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert "public" in second["Cache-Control"] and "max-age=" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    assert get(client, "/", if_none_match=first["ETag"]).status_code == 304
    assert get(client, "/", if_modified_since=first["Last-Modified"]).status_code == 304
    assert get(client, "/", if_none_match='"lain"').status_code == 200


def test_publish_edit_unpublish_are_visible_at_once(client, publish, editor):
    old = publish(title="Berita Lama")
    get(client, "/")
    assert get(client, "/")["X-Page-Cache"] == "hit"
    new = make_article(title="Berita Baru Sekali")
    workflow.publish(editor, new)
    page = get(client, "/")
    assert "Berita Baru Sekali" in page.content.decode()

    get(client, old.get_absolute_url())
    old.title = "Judul Lama Diperbaiki"
    old.save()
    assert "Judul Lama Diperbaiki" in get(client, old.get_absolute_url()).content.decode()
    assert "Judul Lama Diperbaiki" in get(client, "/").content.decode()

    workflow.unpublish(editor, new, "Keliru")
    assert "Berita Baru Sekali" not in get(client, "/").content.decode()
    assert get(client, new.get_absolute_url()).status_code == 410


def test_scheduled_article_appears_at_its_time_without_stale_home(client, publish, editor):
    publish(title="Sudah Terbit")
    scheduled = make_article(title="Terjadwal Sebentar Lagi")
    when = timezone.now() + timedelta(seconds=2)
    workflow.publish(editor, scheduled, when=when)
    assert "Terjadwal Sebentar Lagi" not in get(client, "/").content.decode()
    assert get(client, "/")["X-Page-Cache"] == "hit"
    assert get(client, scheduled.get_absolute_url()).status_code == 404
    time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.2)
    page = get(client, "/")
    assert page["X-Page-Cache"] == "miss"
    assert "Terjadwal Sebentar Lagi" in page.content.decode()
    assert get(client, scheduled.get_absolute_url()).status_code == 200


def test_most_read_counts_cached_hits_in_batches(client, publish, settings):
    settings.MOST_READ_BATCH = 4
    popular = publish(title="Paling Banyak Dibaca")
    quiet = publish(title="Jarang Dibaca")
    for _ in range(6):
        assert get(client, popular.get_absolute_url()).status_code == 200
    get(client, quiet.get_absolute_url())
    # one batch of 4 was written by the request that filled it; the rest waits in the cache
    assert sum(ArticleDailyViews.objects.values_list("views", flat=True)) == 4
    call_command("flush_most_read", verbosity=0)
    views = dict(ArticleDailyViews.objects.values_list("article_id", "views"))
    assert views == {popular.pk: 6, quiet.pk: 1}
    call_command("flush_most_read", verbosity=0)  # nothing is counted twice
    assert dict(ArticleDailyViews.objects.values_list("article_id", "views")) == views
    home = get(client, "/").content.decode()
    section = home.split('id="h-terpopuler"')[1].split("</section>")[0]
    assert section.index("Paling Banyak Dibaca") < section.index("Jarang Dibaca")


def test_most_read_only_lists_live_articles(client, publish, editor, settings):
    settings.MOST_READ_BATCH = 1
    article = publish(title="Dibaca Lalu Ditarik")
    get(client, article.get_absolute_url())
    assert ArticleDailyViews.objects.filter(article=article).exists()
    workflow.unpublish(editor, article, "Ditarik")
    home = get(client, "/").content.decode()
    assert "Dibaca Lalu Ditarik" not in home


@pytest.mark.django_db
def test_http_max_age_never_outlives_the_next_scheduled_publication(settings):
    from datetime import timedelta

    from django.utils import timezone

    from articles import cache as page_cache
    from publishing import workflow
    from tests import factories as f

    settings.PUBLIC_HTTP_MAX_AGE = 600
    editor = f.make_user("Redaktur")
    workflow.publish(editor, f.make_article(), when=timezone.now() + timedelta(seconds=90))
    page_cache.invalidate()
    page_cache.current_generation()
    assert 80 <= page_cache.http_max_age() <= 90
    settings.PUBLIC_HTTP_MAX_AGE = 0
    assert page_cache.http_max_age() == 0


def test_a_publish_keeps_other_article_pages_cached(client, publish, editor):
    """A publication renews the lists and its own page, not the whole site."""
    kept = publish(title="Berita Yang Tetap")
    new = make_article(title="Berita Baru Terbit")  # its category, agency and photo are new too
    url = kept.get_absolute_url()
    get(client, url)
    get(client, "/")
    workflow.publish(editor, new)
    assert get(client, url)["X-Page-Cache"] == "hit"
    home = get(client, "/")
    assert home["X-Page-Cache"] == "miss" and "Berita Baru Terbit" in home.content.decode()


def test_an_article_page_shows_other_news_at_most_the_stale_window_late(
    client, publish, editor, settings
):
    kept = publish(title="Berita Yang Tetap")
    later = make_article(title="Berita Sesudahnya")
    url = kept.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    settings.PUBLIC_RELATED_STALE_SECONDS = 0
    workflow.publish(editor, later)
    assert get(client, url)["X-Page-Cache"] == "miss"


def test_an_articles_own_change_and_unpublish_reach_its_page_at_once(client, publish, editor):
    article = publish(title="Judul Awal")
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    article.tags.add("kehumasan")  # a relation of the article itself
    page = get(client, url)
    assert page["X-Page-Cache"] == "miss" and "kehumasan" in page.content.decode()
    workflow.unpublish(editor, article, "Keliru")
    assert get(client, url).status_code == 410


def test_a_shared_object_change_renews_every_page(client, publish):
    article = publish(title="Berita Kategori")
    url = article.get_absolute_url()
    get(client, url)
    category = article.category
    category.name = "Kategori Berganti Nama"
    category.save()
    page = get(client, url)
    assert page["X-Page-Cache"] == "miss" and "Kategori Berganti Nama" in page.content.decode()


def test_a_proposal_shown_in_the_admin_does_not_touch_the_cache(client, publish, editor):
    from publishing.revisions import materialized, snapshot

    article = publish(title="Judul Tayang")
    url = article.get_absolute_url()
    get(client, url)
    workflow.save_proposal(editor, article, {**snapshot(article), "title": "Judul Usulan"})
    assert get(client, url)["X-Page-Cache"] == "hit"
    with materialized(article, workflow.pending_revision(article).content):
        pass
    page = get(client, url)
    assert page["X-Page-Cache"] == "hit" and "Judul Usulan" not in page.content.decode()


def test_views_wait_in_the_worker_and_reach_the_cache_in_one_batch(client, publish, settings):
    """A cached hit makes no cache call for counting until MOST_READ_BUFFER views are
    held; then all of them go in one round trip, and batches complete as before."""
    from articles import most_read

    settings.MOST_READ_BATCH = 4
    settings.MOST_READ_BUFFER = 5
    article = publish(title="Dibaca Berkali-kali")
    url = article.get_absolute_url()
    assert get(client, url)["X-Page-Cache"] == "miss"
    for _ in range(3):
        assert get(client, url)["X-Page-Cache"] == "hit"
    assert cache.get(most_read.SEQ_KEY) is None  # four views held in the worker
    assert not ArticleDailyViews.objects.exists()
    get(client, url)  # the fifth: one push of five views, which completes one batch
    assert cache.get(most_read.SEQ_KEY) == 5
    assert ArticleDailyViews.objects.get(article=article).views == 4
    get(client, url)
    most_read.push_buffer()  # what gunicorn's worker_exit hook does
    call_command("flush_most_read", verbosity=0)
    assert ArticleDailyViews.objects.get(article=article).views == 6
