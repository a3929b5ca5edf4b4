"""Every registered type has a sitemap section (declared on its AppConfig, the one
discovery), which lists its live rows only: a scheduled row appears and an expiring
announcement leaves at their minute (the clock is moved)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from articles.urls_crawlers import ALL_SITEMAPS
from publishing import registry
from tests.portal_pages.helpers import grant_content_permissions, make_announcement

from .content import article, one_of_each

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def portal(world, settings):
    settings.PUBLIC_PAGE_CACHE = False
    grant_content_permissions()
    return world


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def every_location(client):
    index = etree.fromstring(client.get("/sitemap.xml").content)
    found = set()
    for loc in index.iterfind(".//s:loc", NS):
        section = etree.fromstring(client.get(path_of(loc.text)).content)
        found.update(path_of(x.text) for x in section.iterfind(".//s:loc", NS))
    return found


def test_every_registered_type_has_a_section_listing_live_rows_only(client, portal, monkeypatch):
    items = one_of_each(portal)
    assert {type(obj) for obj in items.values()} == set(registry.registered_models())
    sections_of = {
        model: [
            name
            for name, sitemap in ALL_SITEMAPS.items()
            if any(isinstance(item, model) for item in sitemap().items())
        ]
        for model in registry.registered_models()
    }
    assert all(sections_of.values()), sections_of

    now = timezone.now()
    ending = make_announcement(portal, title="Lowongan", expires=now + timedelta(minutes=2))
    scheduled = article(portal, "Berita Terjadwal Sitemap", when=now + timedelta(minutes=2))
    shown = every_location(client)
    assert {obj.get_absolute_url() for obj in items.values()} <= shown
    assert ending.get_absolute_url() in shown
    assert scheduled.get_absolute_url() not in shown

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=3))
    shown = every_location(client)
    assert ending.get_absolute_url() not in shown
    assert scheduled.get_absolute_url() in shown
