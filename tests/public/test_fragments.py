"""Teasers are reused within a content generation (page cache off here, so only the
teaser memo can be stale): every public change must still show on the next request."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on_page_cache_off(settings):
    settings.PUBLIC_PAGE_CACHE = False
    settings.PUBLIC_FRAGMENT_CACHE = True


def test_teasers_follow_edits_of_the_article_category_agency_and_image(client, publish):
    article = publish(title="Judul Lama")
    category = article.category
    url = f"/kategori/{category.slug}/"
    first = client.get(url).content.decode()
    assert "Judul Lama" in first and client.get(url).content.decode() == first

    article.title = "Judul Baru"
    article.save()
    assert "Judul Baru" in client.get(url).content.decode()

    category.name = "Kategori Berganti"
    category.save()
    assert "Kategori Berganti" in client.get("/").content.decode()

    agency = article.perangkat_daerah
    agency.short_name = "PD Berganti"
    agency.save()
    assert "PD Berganti" in client.get(url).content.decode()

    image = article.featured_image
    image.alt_text = "Alt berganti"
    image.save()
    assert client.get(url).status_code == 200


def test_search_snippets_are_never_reused(client, publish):
    publish(title="Jembatan Sangatta Diresmikan", lead="Jembatan baru di Sangatta.")
    publish(title="Pasar Sangatta Dibuka", lead="Pasar baru di Sangatta.")
    bridge = client.get("/cari/", {"q": "jembatan"}).content.decode()
    market = client.get("/cari/", {"q": "pasar"}).content.decode()
    assert "<mark>Jembatan</mark>" in bridge
    assert "<mark>Pasar</mark>" in market and "<mark>Jembatan</mark>" not in market


def test_home_blocks_reused_in_a_generation_follow_every_publication(client, publish, editor):
    """The home page's blocks are computed once per generation: a publish, an edit, an
    unpublish, a shared-object change and a scheduled go-live each show at once."""
    import time
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from publishing import workflow
    from tests.factories import make_article

    old = publish(title="Berita Pertama")
    assert "Berita Pertama" in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as reused:
        client.get("/")
    article_queries = [q for q in reused if '"articles_article"' in q["sql"]]
    assert article_queries == []  # the blocks and most read come from the memo

    new = make_article(title="Berita Kedua Terbit")
    workflow.publish(editor, new)
    assert "Berita Kedua Terbit" in client.get("/").content.decode()

    old.title = "Berita Pertama Diperbaiki"
    old.save()
    assert "Berita Pertama Diperbaiki" in client.get("/").content.decode()

    category = new.category
    category.name = "Rubrik Berganti Nama"
    category.save()
    assert "Rubrik Berganti Nama" in client.get("/").content.decode()

    workflow.unpublish(editor, new, "Keliru")
    assert "Berita Kedua Terbit" not in client.get("/").content.decode()

    scheduled = make_article(title="Terjadwal Muncul Di Beranda")
    when = timezone.now() + timedelta(seconds=2)
    workflow.publish(editor, scheduled, when=when)
    assert "Terjadwal Muncul Di Beranda" not in client.get("/").content.decode()
    time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.2)
    assert "Terjadwal Muncul Di Beranda" in client.get("/").content.decode()


def test_most_read_on_home_is_at_most_the_stale_window_old(client, publish, settings):
    import time

    from django.utils import timezone

    from articles.models import ArticleDailyViews

    settings.PUBLIC_RELATED_STALE_SECONDS = 1
    article = publish(title="Mulai Banyak Dibaca")
    home = client.get("/").content.decode()
    assert "Mulai Banyak Dibaca" not in home.split('id="h-terpopuler"')[1]
    ArticleDailyViews.objects.create(article=article, day=timezone.localdate(), views=9)
    time.sleep(1.1)
    home = client.get("/").content.decode()
    section = home.split('id="h-terpopuler"')[1].split("</section>")[0]
    assert "Mulai Banyak Dibaca" in section


def test_article_body_rendered_once_per_generation_follows_edits(client, publish):
    article = publish(title="Badan Berita", body="<p>Isi pertama yang lama.</p>")
    url = article.get_absolute_url()
    assert "Isi pertama yang lama." in client.get(url).content.decode()
    article.body = "<p>Isi kedua yang baru.</p>"
    article.save()
    page = client.get(url).content.decode()
    assert "Isi kedua yang baru." in page and "Isi pertama yang lama." not in page
