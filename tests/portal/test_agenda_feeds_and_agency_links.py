"""Agenda RSS/Atom (site-wide and per PD, parsed with feedparser, the clock moved for
scheduled and ended events) and the links from every PD page to its profile pages,
news, agenda and documents, each of those lists filtered by the PD."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import html as lxml_html

from agenda.models import Event
from ppid.models import InformationEntry
from tests.portal_pages.helpers import grant_content_permissions, make_page

from .conftest import publish

pytestmark = pytest.mark.django_db
FEEDS = ["/agenda/rss/", "/agenda/atom/"]


def event(world, title, pd=None, starts_in=timedelta(days=2), when=None, **fields):
    obj = Event.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_at=timezone.now() + starts_in,
        place="Ruang Meranti, Kantor Bupati",
        summary="Rapat koordinasi lintas PD.",
        perangkat_daerah=pd or world.pd,
        **fields,
    )
    return publish(world, obj, when=when)


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def titles(client, url):
    return [entry.title for entry in parsed(client, url).entries]


def test_agenda_feeds_are_valid_and_follow_live_and_the_end(client, world, monkeypatch):
    soon = event(world, "Rapat Koordinasi Stunting", starts_in=timedelta(minutes=30))
    later = event(world, "Musrenbang Kecamatan", starts_in=timedelta(days=5))
    other = event(world, "Lomba Desa", pd=world.other_pd)
    scheduled = event(world, "Agenda Terjadwal", when=timezone.now() + timedelta(hours=1))
    for url in FEEDS:
        feed = parsed(client, url)
        assert {e.title for e in feed.entries} == {soon.title, later.title, other.title}
        entry = next(e for e in feed.entries if e.title == soon.title)
        assert entry.link.endswith(soon.get_absolute_url())
        assert "Ruang Meranti" in entry.summary
        assert feed.feed.title.startswith("Agenda")
    pd_feeds = [f"/agenda/pd/{world.pd.slug}/rss/", f"/agenda/pd/{world.pd.slug}/atom/"]
    for url in pd_feeds:
        assert set(titles(client, url)) == {soon.title, later.title}
        assert world.pd.name in parsed(client, url).feed.title
    assert client.get("/agenda/pd/tidak-ada/rss/").status_code == 404

    real_now = timezone.now
    # 90 minutes later: the scheduled event is live, the first one has ended (2 h)
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(hours=3))
    for url in [*FEEDS, *pd_feeds]:
        shown = titles(client, url)
        assert soon.title not in shown and later.title in shown
    assert scheduled.title in titles(client, FEEDS[0])


def test_agenda_pages_link_their_feeds(client, world):
    html = client.get("/agenda/").content.decode()
    tree = lxml_html.fromstring(html)
    links = {
        (link.get("type"), link.get("href")) for link in tree.iterfind(".//link[@rel='alternate']")
    }
    assert ("application/rss+xml", "/agenda/rss/") in links
    assert ("application/atom+xml", "/agenda/atom/") in links
    tree = lxml_html.fromstring(client.get(f"/agenda/pd/{world.pd.slug}/").content)
    hrefs = {link.get("href") for link in tree.iterfind(".//link[@rel='alternate']")}
    assert f"/agenda/pd/{world.pd.slug}/rss/" in hrefs
    assert f"/agenda/pd/{world.pd.slug}/atom/" in hrefs
    assert f"/agenda/pd/{world.pd.slug}/agenda.ics" in hrefs


def agency_links(html):
    nav = lxml_html.fromstring(html).get_element_by_id("halaman-pd")
    return [a.get("href") for a in nav.iter("a")]


def test_every_pd_page_links_its_profile_news_agenda_and_documents(client, world):
    grant_content_permissions()
    profile = make_page(world, "profil", pd=world.pd, title="Profil Dinas")
    make_page(world, "profil", pd=world.other_pd, title="Profil Dinas Lain")
    expected = [
        profile.get_absolute_url(),
        f"/pd/{world.pd.slug}/",
        f"/agenda/pd/{world.pd.slug}/",
        f"/ppid/?pd={world.pd.slug}",
    ]
    pages = [
        f"/pd/{world.pd.slug}/",  # the PD's news
        profile.get_absolute_url(),  # its profile page
        f"/agenda/pd/{world.pd.slug}/",  # its agenda
        f"/ppid/?pd={world.pd.slug}",  # its documents
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        links = agency_links(response.content.decode())
        for href in expected:
            if href != url:
                assert href in links, (url, href, links)
        assert f"/pd/{world.other_pd.slug}/" not in links


def test_the_lists_a_pd_page_links_are_filtered_by_that_pd(client, world):
    own = event(world, "Sosialisasi Perda Sampah")
    other = event(world, "Festival Budaya Desa", pd=world.other_pd)
    html = client.get(f"/agenda/pd/{world.pd.slug}/").content.decode()
    assert own.title in html and other.title not in html
    assert client.get("/agenda/pd/tidak-ada/").status_code == 404

    def entry(title, pd):
        return publish(world, InformationEntry.objects.create(
            title=title, slug=title.lower().replace(" ", "-"), year=2025, perangkat_daerah=pd,
            external_url="https://jdih.example.go.id/x.pdf",
        ))  # fmt: skip

    mine, theirs = entry("Renstra Dinas 2025", world.pd), entry("LKjIP Dinas Lain", world.other_pd)
    html = client.get("/ppid/", {"pd": world.pd.slug}).content.decode()
    assert mine.title in html and theirs.title not in html
    assert world.pd.name in lxml_html.fromstring(html).findtext(".//h1")
