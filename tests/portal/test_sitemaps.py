"""Every new type is in the sitemap index with its live items only."""

import pytest
from lxml import etree

from agenda.models import Event
from galleries.models import Album, AlbumPhoto, Video
from ppid.models import InformationEntry

from .conftest import publish

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locs(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [e.text for e in etree.fromstring(response.content).xpath("//s:loc", namespaces=NS)]


def test_sitemaps_list_live_items_of_each_type(world, client):
    from django.utils import timezone

    event = publish(world, Event.objects.create(
        title="Rapat", slug="rapat", starts_at=timezone.now(), place="Aula", perangkat_daerah=world.pd))  # fmt: skip
    Event.objects.create(title="Draf", slug="draf", starts_at=timezone.now(), place="A",
                         perangkat_daerah=world.pd)  # fmt: skip
    album = Album.objects.create(title="Album", slug="album", perangkat_daerah=world.pd)
    AlbumPhoto.objects.create(album=album, image=world.image)
    publish(world, album)
    video = publish(world, Video.objects.create(
        title="Video", slug="video", youtube_url="https://youtu.be/dQw4w9WgXcQ", perangkat_daerah=world.pd))  # fmt: skip
    entry = publish(world, InformationEntry.objects.create(
        title="Perda", slug="perda", year=2024, external_url="https://jdih.example.go.id/p.pdf",
        perangkat_daerah=world.pd))  # fmt: skip
    index = locs(client, "/sitemap.xml")
    sections = {u.rsplit("/", 1)[1] for u in index}
    assert {"sitemap-agenda.xml", "sitemap-galeri-foto.xml", "sitemap-galeri-video.xml",
            "sitemap-ppid.xml", "sitemap-berita.xml"} <= sections  # fmt: skip
    assert locs(client, "/sitemap-agenda.xml") == [f"http://testserver{event.get_absolute_url()}"]
    assert locs(client, "/sitemap-galeri-foto.xml") == [
        f"http://testserver{album.get_absolute_url()}"
    ]
    assert locs(client, "/sitemap-galeri-video.xml") == [
        f"http://testserver{video.get_absolute_url()}"
    ]
    assert locs(client, "/sitemap-ppid.xml") == [f"http://testserver{entry.get_absolute_url()}"]
    assert locs(client, "/sitemap-ppid-index.xml") == ["http://testserver/ppid/"]
