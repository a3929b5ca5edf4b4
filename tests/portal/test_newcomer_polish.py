"""Public-site polish an outside newcomer found (issue 10, portal content), checked over
HTTP: search result dates and hints, the header placeholder, calendar names, HEAD on
downloads, the album lightbox text, the footer markup and the video frame title."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from galleries.models import Album, AlbumPhoto, Video
from ppid.models import DownloadCount
from site_settings.models import SiteSettings
from tests.factories import make_image

from .conftest import publish
from .test_agenda_feeds_and_agency_links import event
from .test_ppid import make_document, make_entry

pytestmark = pytest.mark.django_db


def cls(node, name, tag="*"):
    """Elements below ``node`` with the class ``name``."""
    return node.xpath(f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content)


def test_search_shows_an_all_day_event_by_its_date_and_a_timed_one_with_its_time(client, world):
    event(world, "Pameran Bimtek Sepanjang Hari", all_day=True, starts_in=timedelta(days=3))
    timed = event(world, "Rapat Bimtek Pagi", starts_in=timedelta(days=4))
    doc = page(client, "/cari/?q=bimtek&jenis=agenda")
    metas = {
        hit.xpath("string(.//h2)").strip(): hit.xpath("string(.//p[@class='meta'])")
        for hit in cls(doc, "search-hit-agenda")
    }
    all_day = metas["Pameran Bimtek Sepanjang Hari"]
    assert "WITA" not in all_day and "00:00" not in all_day and "sepanjang hari" in all_day
    assert timezone.localtime(timed.starts_at).strftime("%H:%M WITA") in metas["Rapat Bimtek Pagi"]
    stamp = cls(doc, "search-hit-agenda")[0].xpath(".//time")[0].get("datetime")
    assert len(stamp) in (10, 24)  # a date (all day) or a full timestamp


def test_filters_without_a_keyword_say_what_to_do_and_link_the_agency(client, world):
    doc = page(client, f"/cari/?q=&pd={world.pd.slug}")
    hint = cls(doc, "search-hint")
    assert len(hint) == 1 and hint[0].get("role") == "status"
    assert "Tulis kata kunci" in hint[0].text_content()
    assert hint[0].xpath(".//a")[0].get("href") == f"/pd/{world.pd.slug}/"
    assert world.pd.name in hint[0].text_content()
    # no filter and no keyword: the plain search page, no hint
    assert not cls(page(client, "/cari/"), "search-hint")
    # a type filter alone also explains itself (no agency link then)
    typed = cls(page(client, "/cari/?jenis=agenda"), "search-hint")
    assert len(typed) == 1 and not typed[0].xpath(".//a")


def test_header_search_placeholder_speaks_of_the_whole_site(client, world):
    field = page(client, "/").get_element_by_id("q-top")
    assert field.get("placeholder") == "Cari di seluruh situs…"


def test_calendar_files_are_named_after_the_site_and_the_agency(client, world):
    site = SiteSettings.load().site_name
    event(world, "Rapat Koordinasi")
    whole = client.get("/agenda/agenda.ics").content.decode()
    assert f"X-WR-CALNAME:Agenda — {site}" in whole.replace("\r\n ", "")
    per_pd = client.get(f"/agenda/pd/{world.pd.slug}/agenda.ics").content.decode()
    name = f"X-WR-CALNAME:Agenda {world.pd.name} — {site}"
    assert name in per_pd.replace("\r\n ", "")


def test_head_on_a_document_answers_like_get_without_a_body(client, world):
    doc = make_document(world.pd, "Renstra")
    got = client.get(doc.get_download_url())
    head = client.head(doc.get_download_url())
    assert head.status_code == got.status_code == 200
    for header in ("Content-Type", "Content-Disposition", "Content-Length"):
        assert head[header] == got[header], header
    assert b"".join(head.streaming_content if head.streaming else [head.content]) == b""


def test_head_on_the_ppid_download_redirects_without_counting(client, world):
    doc = make_document(world.pd, "Renstra")
    entry = publish(world, make_entry(world, document=doc))
    head = client.head(f"/ppid/{entry.slug}/unduh/")
    assert head.status_code == 302 and head["Location"] == doc.get_download_url()
    assert not DownloadCount.objects.filter(entry=entry, count__gt=0).exists()
    assert client.get(f"/ppid/{entry.slug}/unduh/").status_code == 405  # crawlers do not count
    client.post(f"/ppid/{entry.slug}/unduh/")
    assert DownloadCount.objects.get(entry=entry).count == 1


def test_lightbox_shows_caption_number_and_credit(client, world):
    album = Album.objects.create(
        title="Pasar Rakyat", slug="pasar-rakyat", perangkat_daerah=world.pd
    )
    described = make_image(world.pd, alt_text="Pedagang sayur di pasar")
    AlbumPhoto.objects.create(album=album, image=described, order=0, credit="Humas")
    AlbumPhoto.objects.create(
        album=album, image=make_image(world.pd, alt_text="Alt"), order=1, caption="Bupati tiba"
    )
    publish(world, album)
    doc = page(client, album.get_absolute_url())
    first, second = [box.xpath(".//figcaption")[0] for box in cls(doc, "lightbox", "div")]
    assert cls(first, "lightbox-count")[0].text_content() == "1 dari 2"
    assert cls(first, "lightbox-caption")[0].text_content() == "Pedagang sayur di pasar"
    assert cls(first, "credit")[0].text_content() == "Foto: Humas"
    assert cls(second, "lightbox-count")[0].text_content() == "2 dari 2"
    assert cls(second, "lightbox-caption")[0].text_content() == "Bupati tiba"
    assert cls(doc, "lightbox", "div")[0].get("tabindex") == "-1"


def test_copyright_sits_in_the_content_column(client, world):
    copyright_ = cls(page(client, "/"), "copyright")[0]
    assert "wrap" in copyright_.getparent().get("class").split()
    assert "wrap" not in (copyright_.get("class") or "").split()


def test_a_gallery_video_frame_is_titled_after_the_video(client, world):
    video = Video.objects.create(
        title="Liputan Festival Budaya", slug="liputan-festival",
        youtube_url="https://youtu.be/dQw4w9WgXcQ", perangkat_daerah=world.pd,
    )  # fmt: skip
    publish(world, video)
    link = page(client, video.get_absolute_url()).xpath("//a[@data-embed-src]")[0]
    assert link.get("data-embed-title") == "Video YouTube: Liputan Festival Budaya"
    assert "Putar video YouTube" in link.text_content()  # the button still says what it does
