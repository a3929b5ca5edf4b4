"""Every new public page answers in at most 6 queries, whatever the number of items
(1 or 15 events, photos, entries). Measured after one warm-up request (site settings
and the menu come from the cache, as in production)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.models import Event, EventCategory
from galleries.models import Album, AlbumPhoto, Video
from ppid.models import DocumentType, InformationEntry
from tests.factories import make_image

from .conftest import publish

pytestmark = pytest.mark.django_db
BUDGET = 6


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def populate(world, n):
    category = EventCategory.objects.get(slug="agenda-bupati")
    now = timezone.localtime()
    # Upcoming from now on (a fixed day of the month left the small world with no
    # upcoming event after the 2nd, and a different query count).
    start = now + timedelta(hours=1)
    events = [
        publish(world, Event.objects.create(
            title=f"Agenda {i}", slug=f"agenda-{n}-{i}", starts_at=start + timedelta(days=i % 20),
            place="Kantor Bupati", perangkat_daerah=world.pd, category=category,
            all_day=bool(i % 2),
        ))
        for i in range(n)
    ]  # fmt: skip
    album = Album.objects.create(title="Album", slug=f"album-{n}", perangkat_daerah=world.pd)
    for i in range(n):
        AlbumPhoto.objects.create(album=album, image=make_image(world.pd), order=i)
    publish(world, album)
    for i in range(n):
        extra = Album.objects.create(title=f"A{i}", slug=f"a-{n}-{i}", perangkat_daerah=world.pd)
        AlbumPhoto.objects.create(album=extra, image=world.image)
        publish(world, extra)
    video = publish(world, Video.objects.create(
        title="Video", slug=f"video-{n}", youtube_url="https://youtu.be/dQw4w9WgXcQ",
        perangkat_daerah=world.pd,
    ))  # fmt: skip
    doc_type = DocumentType.objects.get(slug="perda")
    entries = [
        publish(world, InformationEntry.objects.create(
            title=f"Perda {i}", slug=f"perda-{n}-{i}", year=2024, doc_type=doc_type,
            kip_class="dikecualikan" if i % 3 == 1 else "berkala", legal_reason="Pasal 17",
            external_url="https://jdih.example.go.id/x.pdf", perangkat_daerah=world.pd,
        ))
        for i in range(n)
    ]  # fmt: skip
    return {
        "agenda": "/agenda/",
        "agenda-category": "/agenda/kategori/agenda-bupati/",
        "calendar": f"/agenda/kalender/{now.year}/{now.month}/",
        "event": events[-1].get_absolute_url(),
        "ical": "/agenda/agenda.ics",
        "ical-pd": f"/agenda/pd/{world.pd.slug}/agenda.ics",
        "gallery": "/galeri/",
        "album": album.get_absolute_url(),
        "video": video.get_absolute_url(),
        "ppid": "/ppid/",
        "ppid-filtered": f"/ppid/?kelas=berkala&tahun=2024&jenis=perda&pd={world.pd.slug}&q=Perda",
        "ppid-entry": entries[-1].get_absolute_url(),
        "ppid-csv": "/ppid/daftar-informasi-publik.csv",
        "ppid-print": "/ppid/cetak/",
    }


def test_new_public_pages_within_budget_independent_of_item_count(world, client, settings):
    settings.PUBLIC_PAGE_CACHE = False
    small = {name: count(client, url) for name, url in populate(world, 1).items()}
    large = {name: count(client, url) for name, url in populate(world, 15).items()}
    for name in small:
        assert small[name] <= BUDGET, f"{name}: {small[name]} queries"
        assert large[name] == small[name], f"{name}: {small[name]} vs {large[name]} queries"
