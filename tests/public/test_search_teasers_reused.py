"""A search result's teaser is the memoized teaser of its article with the result's own
highlighted title and snippet put in (articles.fragments, issue 12). One query's
highlights must never show in another's results or in a plain list, and hostile text
stays text in each of them."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _memos_on(settings):
    settings.PUBLIC_PAGE_CACHE = False
    settings.PUBLIC_FRAGMENT_CACHE = True


def test_each_search_shows_its_own_highlights_on_the_same_article(publish):
    article = publish(
        title="Jembatan Pasar Sangatta <script>alert(1)</script> & Co",
        lead="Pasar dan jembatan diresmikan.",
        body="<p>Jembatan baru menghubungkan pasar induk dengan terminal.</p>",
    )
    client = Client()
    category_page = client.get(f"/kategori/{article.category.slug}/").content.decode()
    for _ in range(2):  # the second round reads the memoized teasers
        bridge = client.get("/cari/?q=jembatan").content.decode()
        market = client.get("/cari/?q=pasar").content.decode()
        assert "<mark>Jembatan</mark>" in bridge and "<mark>Pasar</mark>" not in bridge
        assert "<mark>Pasar</mark>" in market and "<mark>Jembatan</mark>" not in market
        plain = client.get(f"/kategori/{article.category.slug}/").content.decode()
        assert plain == category_page and "<mark>" not in plain
        for page in (bridge, market, plain):
            assert "<script>alert(1)</script>" not in page
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
            assert "\x00" not in page
