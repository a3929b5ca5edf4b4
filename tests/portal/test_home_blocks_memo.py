"""The home page's portal blocks (announcements, agenda, latest album) are computed once
per content generation in each process (issue 12: they were 70 % of an uncached home
page), yet each still changes exactly when the public would see it change: a new
publication renews the generation; an announcement's expiry is a boundary; an event
that ends leaves the agenda block at its end minute with nothing saved, also from a
cached home page. Time passes by moving the clock live() and the page cache read."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.page_cache_support import jump
from tests.portal_pages.helpers import make_announcement

from .conftest import publish
from .test_agenda import make_event
from .test_page_cache import make_album

pytestmark = pytest.mark.django_db


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_warm_home_page_queries_nothing_and_a_publication_still_shows_at_once(world, settings):
    settings.PUBLIC_PAGE_CACHE = False
    settings.PUBLIC_FRAGMENT_CACHE = True
    publish(world, make_event(world, title="Rapat Pertama"))
    publish(world, make_album(world, title="Album Pertama"))
    make_announcement(world, title="Pengumuman Pertama")
    client = Client()
    page = home(client)
    assert "Rapat Pertama" in page and "Album Pertama" in page and "Pengumuman Pertama" in page
    with CaptureQueriesContext(connection) as warm:
        home(client)
    assert len(warm) == 0, [q["sql"] for q in warm]

    publish(
        world, make_event(world, title="Rapat Kedua", starts_at=timezone.now() + timedelta(hours=1))
    )
    publish(world, make_album(world, title="Album Kedua"))
    make_announcement(world, title="Pengumuman Kedua")
    page = home(client)
    assert "Rapat Kedua" in page and "Album Kedua" in page and "Pengumuman Kedua" in page


@pytest.mark.parametrize("page_cache", [False, True], ids=["memo", "page-cache"])
def test_an_event_leaves_the_home_page_when_it_ends_with_nothing_saved(
    world, settings, monkeypatch, page_cache
):
    settings.PUBLIC_PAGE_CACHE = page_cache
    settings.PUBLIC_FRAGMENT_CACHE = True
    now = timezone.now()
    publish(
        world,
        make_event(
            world,
            title="Rapat Singkat",
            starts_at=now - timedelta(minutes=30),
            ends_at=now + timedelta(minutes=10),
        ),
    )
    publish(world, make_event(world, title="Rapat Besok", starts_at=now + timedelta(days=1)))
    client = Client()
    assert "Rapat Singkat" in home(client)
    if page_cache:
        assert client.get("/")["X-Page-Cache"] == "hit"

    jump(monkeypatch, 9 * 60)  # still running
    assert "Rapat Singkat" in home(client)
    jump(monkeypatch, 10 * 60 + 1)  # ended one second ago; nothing saved, no job
    page = home(client)
    assert "Rapat Singkat" not in page and "Rapat Besok" in page
