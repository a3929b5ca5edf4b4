"""Galleries: ordered photos with captions and credits as responsive <picture>s, a
lightbox made of links and :target (no JavaScript), and videos that ask nothing of
YouTube before the reader clicks."""

import re

import pytest
from lxml import html as lxml_html

from galleries.models import Album, AlbumPhoto, Video
from tests.factories import make_image

from .conftest import publish

pytestmark = pytest.mark.django_db


def make_album(world, n=3, **fields):
    album = Album.objects.create(
        title=fields.pop("title", "Peresmian Jembatan Sangatta"),
        slug=fields.pop("slug", f"album-{Album.objects.count() + 1}"),
        perangkat_daerah=world.pd,
        **fields,
    )
    for i in range(n):
        image = make_image(world.pd, alt_text=f"Foto ke-{i + 1}", credit="Humas")
        AlbumPhoto.objects.create(
            album=album, image=image, caption=f"Keterangan {i + 1}", order=n - i
        )
    return album


def test_album_photos_in_order_with_captions_credits_and_lightbox(world, client):
    album = publish(world, make_album(world, n=3))
    response = client.get(album.get_absolute_url())
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content)
    thumbs = doc.xpath('//ul[@class="album-grid"]/li/a')
    assert [a.get("href") for a in thumbs] == ["#foto-1", "#foto-2", "#foto-3"]
    # order field: the photo with order 1 (the last created, "Keterangan 3") comes first
    boxes = doc.xpath('//div[@class="lightbox"]')
    assert [b.get("id") for b in boxes] == ["foto-1", "foto-2", "foto-3"]
    assert "Keterangan 3" in boxes[0].text_content() and "Humas" in boxes[0].text_content()
    assert boxes[0].xpath('.//a[@href="#foto-2"]') and not boxes[0].xpath('.//a[@href="#foto-0"]')
    assert boxes[2].xpath('.//a[@href="#foto-2"]') and boxes[2].xpath('.//a[@href="#galeri"]')
    # responsive renditions through media_library's tag
    pictures = doc.xpath("//picture")
    assert len(pictures) == 6
    assert all(p.xpath('./source[@type="image/webp"]/@srcset') for p in pictures)
    assert doc.xpath('//img[@alt="Foto ke-1"]')
    assert b"<script" not in response.content.split(b"<main", 1)[1]


def test_album_without_alt_text_cannot_be_submitted(world):
    from publishing import workflow

    album = make_album(world, n=1)
    photo = album.photos.get()
    photo.image.alt_text = ""
    photo.image.save()
    assert workflow.missing_for_review(album)
    empty = Album.objects.create(title="Kosong", slug="kosong", perangkat_daerah=world.pd)
    assert workflow.missing_for_review(empty) == ["foto"]  # translated


def test_video_page_requests_nothing_from_youtube_before_the_click(world, client):
    video = publish(
        world,
        Video.objects.create(
            title="Festival Magic Land",
            slug="festival-magic-land",
            youtube_url="https://youtu.be/dQw4w9WgXcQ",
            perangkat_daerah=world.pd,
        ),
    )
    response = client.get(video.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    doc = lxml_html.fromstring(html)
    # nothing that a browser loads by itself points off-site
    loaded = doc.xpath(
        "//img/@src|//iframe/@src|//script/@src|//source/@srcset"
        "|//link[@rel='stylesheet' or @rel='icon' or @rel='preload']/@href"
    )
    assert loaded and not [u for u in loaded if re.match(r"https?://", u)]
    assert not doc.xpath("//iframe")
    link = doc.xpath("//a[@data-embed-src]")[0]
    assert (
        link.get("data-embed-src")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert link.get("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert doc.xpath('//script[@src="/static/js/video-embed.js"]')
    csp = response.get("Content-Security-Policy", "")
    assert "frame-src https://www.youtube-nocookie.com" in csp


def test_gallery_index_lists_live_albums_and_videos_only(world, client):
    live = publish(world, make_album(world, n=2, title="Album Terbit"))
    make_album(world, n=1, title="Album Draf")
    html = client.get("/galeri/").content.decode()
    assert live.title in html and "Album Draf" not in html
    assert client.get("/galeri/foto/album-2/").status_code == 404
    assert client.get("/galeri/?page=99").status_code == 404
    assert client.get("/galeri/?page=abc").status_code == 200


def test_home_shows_the_newest_live_album_with_responsive_photos(world, client, settings):
    from datetime import timedelta

    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    settings.PUBLIC_PAGE_CACHE = False
    older = publish(world, make_album(world, n=2, title="Album Lama", slug="album-lama"))
    newest = publish(world, make_album(world, n=6, title="Festival Magic Land", slug="fml"))
    scheduled = make_album(world, n=1, title="Album Terjadwal", slug="album-nanti")
    publish(world, scheduled, when=timezone.now() + timedelta(hours=1))

    def home():
        client.get("/")
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/")
        return response.content.decode(), len(queries)

    page, with_albums = home()
    block = lxml_html.fromstring(page).get_element_by_id("h-galeri").getparent()
    assert newest.title in block.text_content()
    assert older.title not in page and scheduled.title not in page
    links = [a.get("href") for a in block.iter("a")]
    assert f"{newest.get_absolute_url()}#foto-1" in links
    assert len(block.findall(".//picture")) == 4  # a few photos, not the whole album
    first = block.find(".//picture")
    assert first.find(".//source").get("type") == "image/webp"
    assert re.search(r"\.jpg \d+w", first.find(".//img").get("srcset")) and first.find(
        ".//img"
    ).get("alt")
    assert "loading" in first.find(".//img").attrib

    AlbumPhoto.objects.filter(album=newest).delete()
    Album.objects.filter(pk=newest.pk).update(title="x")  # no live album with photos first
    assert home()[1] == with_albums  # the block costs one query with or without photos
