"""Small things readers and writers saw: doubled category wording, the "TAGGIT" heading,
the English debug 404 on the demo, feeds without a readable page."""

import pytest
from django.test import Client, override_settings

from perangkat_daerah.roles import REDAKTUR
from tests.factories import make_category, make_user
from tests.workflow.helpers import ensure_groups

pytestmark = pytest.mark.django_db


def test_home_more_link_does_not_double_the_category_name(client, publish):
    category = make_category("Berita")
    category.show_on_home = True
    category.save()
    publish(category=category)
    page = client.get("/").content.decode()
    assert "Berita Berita" not in page
    assert "Selengkapnya di kategori Berita" in page


def test_admin_index_heading_for_tags_is_indonesian(client):
    ensure_groups()
    client.force_login(make_user(REDAKTUR))
    page = client.get("/admin/").content.decode()
    assert "Taggit" not in page and "TAGGIT" not in page
    assert ">Tag</a>" in page


@override_settings(DEBUG=True)
def test_public_404_is_the_indonesian_page_even_with_debug_on(db):
    client = Client()
    for path in ("/berita/tidak-ada/", "/tidak/ada/sama/sekali/"):
        response = client.get(path)
        assert response.status_code == 404
        page = response.content.decode()
        assert '<html lang="id">' in page and "Halaman tidak ditemukan" in page
        assert "Using the URLconf" not in page and "technical_404" not in page


@pytest.mark.parametrize("path", ["/rss/", "/atom/"])
def test_feeds_link_a_same_origin_stylesheet(client, publish, path):
    publish(title="Bupati Resmikan Jembatan")
    body = client.get(path).content.decode()
    head = body.split("<rss", 1)[0].split("<feed", 1)[0]
    assert '<?xml-stylesheet href="/static/feeds/feed.xsl"' in head
    assert 'type="text/xsl"' in head
