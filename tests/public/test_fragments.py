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
