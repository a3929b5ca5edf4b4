"""The page cache on pages (Halaman) and announcements: cached hits, and every door
renews them at once — the admin over HTTP, workflow.perform, an announcement's expiry
minute with the clock moved (nothing saved, no cron), an unpublish (410 at once), a
menu edit. A cold miss costs what the uncached page costs."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing import workflow
from site_settings.models import MenuItem
from tests.page_cache_support import cache_backends, jump, state
from tests.portal_pages import test_admin_workflow as admin_flow
from tests.portal_pages.helpers import make_announcement, make_page

pytestmark = pytest.mark.django_db


backend = cache_backends("kominfo-test-pages")


def test_pages_and_announcements_are_cached_and_cold_misses_cost_the_same(world, settings):
    root = make_page(world, "profil")
    child = make_page(world, "visi-misi", parent=root)
    agency_page = make_page(world, "tugas", pd=world.pd)
    item = make_announcement(world)
    urls = [
        root.get_absolute_url(),
        child.get_absolute_url(),
        agency_page.get_absolute_url(),
        "/pengumuman/",
        item.get_absolute_url(),
        "/pengumuman/rss/",
        "/pengumuman/atom/",
    ]
    for url in urls:
        settings.PUBLIC_PAGE_CACHE = False
        cache.clear()
        with CaptureQueriesContext(connection) as uncached:
            assert Client().get(url).status_code == 200, url
        settings.PUBLIC_PAGE_CACHE = True
        cache.clear()
        client = Client()
        with CaptureQueriesContext(connection) as cold:
            miss = client.get(url)
        with CaptureQueriesContext(connection) as warm:
            hit = client.get(url)
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit"), url
        assert hit.content == miss.content, url
        assert len(cold) == len(uncached) and len(warm) == 0, (url, len(cold), len(uncached))


def test_admin_approval_over_http_reaches_the_cached_page(world):
    """The admin test of pages (forms read from the pages) with the page cache on."""
    admin_flow.test_page_from_penulis_to_public_and_a_proposal_on_it(world)
    public_url = f"/pd/{world.pd.slug}/profil/"
    assert state(Client(), public_url) == (200, "hit")


def test_announcement_expiry_minute_with_no_save_and_unpublish_410(world, client, monkeypatch):
    leaving = make_announcement(world, expires=timezone.now() + timedelta(minutes=5))
    staying = make_announcement(world)
    url = leaving.get_absolute_url()
    for page in (url, "/pengumuman/"):
        client.get(page)
        assert state(client, page) == (200, "hit")
    assert "sudah berakhir" not in client.get(url).content.decode().lower()

    jump(monkeypatch, 5 * 60 + 1)
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss" and page["X-Robots-Tag"] == "noindex"
    assert "sudah berakhir" in page.content.decode().lower()
    assert leaving.title not in client.get("/pengumuman/").content.decode()

    staying_url = staying.get_absolute_url()
    client.get(staying_url)
    assert state(client, staying_url) == (200, "hit")
    workflow.unpublish(world.redaktur, staying, "Salah tanggal")
    assert client.get(staying_url).status_code == 410
    assert staying.title not in client.get("/pengumuman/").content.decode()


def test_page_edit_child_unpublish_and_menu_edit(world, client):
    root = make_page(world, "profil", title="Profil Dinas")
    child = make_page(world, "struktur", parent=root, title="Struktur Organisasi")
    url = root.get_absolute_url()
    client.get(url)
    assert state(client, url) == (200, "hit")
    assert "Struktur Organisasi" in client.get(url).content.decode()
    workflow.unpublish(world.redaktur, child, "Belum disetujui")
    assert "Struktur Organisasi" not in client.get(url).content.decode()  # at once
    client.get(url)
    MenuItem.objects.create(title="Menu Kontak Baru", url="/halaman/kontak/")
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss" and "Menu Kontak Baru" in page.content.decode()
