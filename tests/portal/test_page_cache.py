"""The page cache on the agenda, gallery and PPID pages: every public page is cached,
and every door that changes what it shows renews it at once — the admin over HTTP,
workflow.perform, a scheduled time or an expiry reached with the clock moved (nothing
saved), an unpublish (410 at once), the site settings, a PPID entry's class change
(an exempt entry's file link never comes from the cache) and its download counter.

Runs on local memory and on real Redis (TEST_REDIS_DB), as in production."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from galleries.models import Album, AlbumPhoto
from ppid.models import InformationEntry
from publishing import workflow
from publishing.revisions import snapshot
from site_settings.models import SiteSettings
from tests.page_cache_support import cache_backends, jump, state

from . import test_admin_workflow as admin_flow
from .conftest import publish
from .test_ppid import make_document, make_entry
from .test_query_budgets import populate

pytestmark = pytest.mark.django_db


backend = cache_backends("kominfo-test-portal")


def make_album(world, title="Album Uji", **fields):
    album = Album.objects.create(
        title=title, slug=f"album-uji-{Album.objects.count() + 1}", perangkat_daerah=world.pd
    )
    AlbumPhoto.objects.create(album=album, image=world.image, caption="Keterangan")
    return album


def test_every_page_is_cached_and_a_cold_miss_costs_what_the_uncached_page_costs(world, settings):
    urls = populate(world, 2)
    for name, url in urls.items():
        settings.PUBLIC_PAGE_CACHE = False
        cache.clear()
        with CaptureQueriesContext(connection) as uncached:
            assert Client().get(url).status_code == 200, name
        settings.PUBLIC_PAGE_CACHE = True
        cache.clear()
        client = Client()
        with CaptureQueriesContext(connection) as cold:
            miss = client.get(url)
        with CaptureQueriesContext(connection) as warm:
            hit = client.get(url)
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit"), name
        assert hit.content == miss.content and hit["ETag"] == miss["ETag"], name
        assert len(cold) == len(uncached), (name, len(cold), len(uncached))
        assert len(warm) == 0, (name, [q["sql"] for q in warm])


@pytest.mark.parametrize("app,model_name,model,values,field", admin_flow.TYPES)
def test_admin_publish_proposal_and_approval_over_http_reach_the_cached_page(
    world, as_user, client, app, model_name, model, values, field
):
    """The admin test of each type (forms read from the pages), with the page cache on:
    after the Redaktur approves, the public page (cached meanwhile) shows the edit."""
    admin_flow.test_type_goes_through_the_workflow_in_the_admin(
        world, as_user, client, app, model_name, model, values, field
    )
    obj = model.objects.get(slug=values(world)["slug"])
    assert state(client, obj.get_absolute_url()) == (200, "hit")


def test_workflow_edit_unpublish_and_list(world, client):
    album = publish(world, make_album(world, title="Album Pertama"))
    url = album.get_absolute_url()
    for page in (url, "/galeri/"):
        assert state(client, page) == (200, "miss")
        assert state(client, page) == (200, "hit")
    workflow.save_proposal(world.redaktur, album, {**snapshot(album), "title": "Album Diperbaiki"})
    assert state(client, url) == (200, "hit")  # a proposal is not public
    workflow.approve_revision(world.redaktur, album, workflow.pending_revision(album))
    assert "Album Diperbaiki" in client.get(url).content.decode()
    assert "Album Diperbaiki" in client.get("/galeri/").content.decode()
    album.refresh_from_db()
    workflow.unpublish(world.redaktur, album, "Foto keliru")
    assert client.get(url).status_code == 410
    assert "Album Diperbaiki" not in client.get("/galeri/").content.decode()


def test_scheduled_go_live_and_expiry_at_their_minute_with_no_save(world, client, monkeypatch):
    now = timezone.now()
    later = publish(
        world, make_album(world, title="Album Terjadwal"), when=now + timedelta(minutes=3)
    )
    leaving = make_album(world, title="Album Berakhir")
    workflow.record_revision(world.penulis, leaving)
    workflow.publish(
        world.redaktur, leaving, when=now - timedelta(hours=1), expires=now + timedelta(minutes=6)
    )
    leaving.refresh_from_db()
    assert "Album Terjadwal" not in client.get("/galeri/").content.decode()
    assert state(client, leaving.get_absolute_url()) == (200, "miss")
    assert state(client, leaving.get_absolute_url()) == (200, "hit")
    assert state(client, "/galeri/")[1] == "hit"

    jump(monkeypatch, 3 * 60 + 1)
    listing = client.get("/galeri/")
    assert listing["X-Page-Cache"] == "miss" and "Album Terjadwal" in listing.content.decode()
    assert state(client, later.get_absolute_url())[0] == 200

    jump(monkeypatch, 6 * 60 + 1)
    assert client.get(leaving.get_absolute_url()).status_code == 404  # expired: not live
    assert "Album Berakhir" not in client.get("/galeri/").content.decode()


def test_site_settings_change_renews_every_type(world, client):
    urls = populate(world, 1)
    for url in urls.values():
        client.get(url)
    settings_row = SiteSettings.load()
    settings_row.site_name = "Portal Baru Kutai Timur"
    settings_row.save()
    for name in ("agenda", "event", "album", "video", "ppid", "ppid-entry"):
        page = client.get(urls[name])
        assert page["X-Page-Cache"] == "miss", name
        assert "Portal Baru Kutai Timur" in page.content.decode(), name


def test_an_entry_turned_exempt_never_shows_its_file_from_the_cache(world, client):
    doc = make_document(world.pd, "Laporan Audit")
    entry = publish(world, make_entry(world, title="Laporan Audit Internal", document=doc))
    url = entry.get_absolute_url()
    assert "/unduh/" in client.get(url).content.decode()
    assert state(client, url) == (200, "hit")
    content = {
        **snapshot(entry),
        "kip_class": "dikecualikan",
        "legal_reason": "Pasal 17 huruf b UU 14/2008.",
    }
    workflow.save_proposal(world.redaktur, entry, content)
    workflow.approve_revision(world.redaktur, entry, workflow.pending_revision(entry))
    assert InformationEntry.objects.get(pk=entry.pk).is_exempt
    for page in (url, "/ppid/", "/ppid/cetak/"):
        html = client.get(page).content.decode()
        assert doc.get_download_url() not in html and "/unduh/" not in html, page
    assert "Pasal 17 huruf b" in client.get(url).content.decode()
    assert client.post(f"/ppid/{entry.slug}/unduh/").status_code == 404


def test_download_counter_is_never_served_stale_and_needs_no_token(world):
    entry = publish(world, make_entry(world))
    url = entry.get_absolute_url()
    reader = Client(enforce_csrf_checks=True)  # as a browser: the CSRF check is on
    assert "<dd>0</dd>" in reader.get(url).content.decode()
    assert state(reader, url) == (200, "hit")
    list_state = state(reader, "/ppid/")
    assert reader.post(f"/ppid/{entry.slug}/unduh/").status_code == 302
    page = reader.get(url)
    assert page["X-Page-Cache"] == "miss" and "<dd>1</dd>" in page.content.decode()
    assert state(reader, "/ppid/") == (200, "hit") and list_state[0] == 200  # no list renewed


def test_previews_and_share_links_are_not_cached(world, as_user):
    album = make_album(world, title="Album Draf")
    workflow.record_revision(world.penulis, album)
    editor = as_user(world.redaktur)
    preview = editor.get(f"/admin/galleries/album/{album.pk}/preview/")
    assert preview.status_code == 200 and "X-Page-Cache" not in preview
    assert "public" not in preview.get("Cache-Control", "")
    from publishing import sharelinks

    link = sharelinks.create(world.redaktur, album)
    reader = Client()
    for _ in range(2):
        shared = reader.get(sharelinks.url_for(link))
        assert shared.status_code == 200 and "X-Page-Cache" not in shared
    sharelinks.revoke(world.redaktur, link)
    assert reader.get(sharelinks.url_for(link)).status_code == 404
