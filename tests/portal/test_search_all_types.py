"""One search over every published type (publishing.search): one results page, a type
filter with counts, highlighted snippets, only live() rows of each type (the clock is
moved for scheduled and expired items), exempt PPID entries found by title only, and a
query budget independent of the number of hits."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.models import Event
from ppid.models import InformationEntry
from publishing import registry, workflow
from tests.portal_pages.helpers import grant_content_permissions, make_announcement, make_page

from .conftest import publish
from .content import WORD, article, one_of_each

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(world, settings):
    settings.PUBLIC_PAGE_CACHE = False
    grant_content_permissions()
    return world


def hits(response):
    return [(row.jenis, row.title) for row in response.context["results"]]


def test_every_type_registers_what_is_searchable():
    keys = [spec.key for spec in registry.searchable_types()]
    assert keys == ["berita", "halaman", "pengumuman", "agenda", "galeri", "video", "dokumen"]


def test_one_results_page_over_every_type_with_counts_and_a_type_filter(client, portal):
    items = one_of_each(portal)
    response = client.get("/cari/", {"q": WORD.lower()})
    assert response.status_code == 200
    assert sorted(j for j, _ in hits(response)) == sorted(items)
    html = response.content.decode()
    for obj in items.values():
        assert f'href="{obj.get_absolute_url()}"' in html
    assert f"<mark>{WORD}</mark>" in html
    assert "7 hasil untuk" in html
    tabs = {tab["key"]: tab["count"] for tab in response.context["types"]}
    assert tabs == {"": 7, **{key: 1 for key in items}}
    assert "Pengumuman (1)" in re.sub(r"<[^>]+>", "", html)

    only = client.get("/cari/", {"q": WORD, "jenis": "pengumuman"})
    assert hits(only) == [("pengumuman", items["pengumuman"].title)]
    assert "1 hasil untuk" in only.content.decode()
    # the counts of the other types stay shown while one is chosen
    assert {tab["key"] for tab in only.context["types"]} == {"", *items}

    agency = client.get("/cari/", {"q": WORD, "pd": portal.other_pd.slug})
    assert hits(agency) == []
    unknown = client.get("/cari/", {"q": WORD, "jenis": "tidak-ada"})
    assert len(hits(unknown)) == 7  # an invalid filter is ignored


def test_ranking_puts_title_matches_first_across_types(client, portal):
    make_announcement(portal, title="Pengumuman Umum", summary=f"Berlaku juga di {WORD}.")
    make_page(portal, "kontak", title=f"Kontak Kantor {WORD}")
    response = client.get("/cari/", {"q": WORD})
    assert [j for j, _ in hits(response)] == ["halaman", "pengumuman"]
    assert f"<mark>{WORD}</mark>" in response.content.decode()


def test_scheduled_expired_and_unpublished_items_are_never_found(client, portal, monkeypatch):
    now = timezone.now()
    ending = make_announcement(
        portal, title=f"Pendaftaran {WORD} Ditutup", expires=now + timedelta(minutes=2)
    )
    scheduled = article(portal, f"Rencana Jembatan {WORD}", when=now + timedelta(minutes=2))
    make_announcement(portal, "review", title=f"Draf {WORD}")
    withdrawn = make_page(portal, "lama", title=f"Halaman Lama {WORD}")
    workflow.unpublish(portal.redaktur, withdrawn, "Sudah tidak berlaku.")
    future_event = Event.objects.create(
        title=f"Rapat {WORD}", slug="rapat", starts_at=now + timedelta(days=2),
        place="Aula", perangkat_daerah=portal.pd,
    )  # fmt: skip
    publish(portal, future_event, when=now + timedelta(minutes=2))

    assert hits(client.get("/cari/", {"q": WORD})) == [("pengumuman", ending.title)]

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=3))
    found = hits(client.get("/cari/", {"q": WORD}))
    assert sorted(found) == sorted([("berita", scheduled.title), ("agenda", future_event.title)])
    gone = client.get("/cari/", {"q": WORD, "jenis": "pengumuman"})
    assert hits(gone) == [] and ending.get_absolute_url() not in gone.content.decode()


def test_an_exempt_ppid_entry_is_found_by_title_only_and_shows_no_file(client, portal):
    from media_library.models import Document

    document = Document.objects.create(
        file="documents/rahasia.pdf", title="Berkas", kind="pdf",
        content_type="application/pdf", file_size=10, content_hash="rahasia-1",
    )  # fmt: skip
    entry = publish(portal, InformationEntry.objects.create(
        title=f"Hasil Penyelidikan {WORD}", slug="penyelidikan", year=2025,
        kip_class="dikecualikan", legal_reason="Pasal 17 huruf a UU 14/2008",
        summary="Memuat nama saksi Anggrekbulan.", document=document,
        perangkat_daerah=portal.pd,
    ))  # fmt: skip
    response = client.get("/cari/", {"q": WORD})
    assert hits(response) == [("dokumen", entry.title)]
    html = response.content.decode()
    assert entry.get_absolute_url() in html
    assert "rahasia.pdf" not in html and document.get_download_url() not in html
    assert "Anggrekbulan" not in html and "saksi" not in html
    assert hits(client.get("/cari/", {"q": "Anggrekbulan"})) == []


def count_queries(client, url):
    client.get(url)
    cache.clear()  # cold cache: site settings and navigation come from the database
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("jenis", ["", "berita", "dokumen"])
def test_query_budget_is_independent_of_the_number_of_hits(client, portal, jenis):
    one_of_each(portal)
    url = f"/cari/?q={WORD}&jenis={jenis}"
    few, first = count_queries(client, url)
    for i in range(14):
        article(portal, f"Pasar {WORD} {i}")
        make_announcement(portal, title=f"Pengumuman {WORD} {i}")
        publish(portal, InformationEntry.objects.create(
            title=f"Perda {WORD} {i}", slug=f"perda-{i}", year=2024,
            external_url="https://jdih.example.go.id/x.pdf", perangkat_daerah=portal.pd,
        ))  # fmt: skip
    many, response = count_queries(client, url)
    assert len(response.context["results"]) == 12 and response.context["page_obj"].has_next()
    assert few <= 7 and many <= 7, (few, many)
    assert client.get(url + "&page=2").status_code == 200
    assert client.get(url + "&page=9").status_code == 404


def test_typo_tolerance_on_news_titles_only_when_news_are_asked_for(client, portal):
    article(portal, "Vaksinasi Anak Sekolah Capai 90 Persen")
    assert client.get("/cari/", {"q": "vaksinsi"}).context["articles"]
    other_type = client.get("/cari/", {"q": "vaksinsi", "jenis": "pengumuman"})
    assert other_type.context["articles"] == [] and other_type.context["results"] == []


def test_type_tabs_of_a_category_search_search_the_other_types_without_it(client, portal):
    """QA: with ?kategori= chosen, clicking "Agenda (1)" still listed the news."""
    items = one_of_each(portal)
    category = items["berita"].category.slug
    response = client.get("/cari/", {"q": WORD, "kategori": category})
    assert hits(response) == [("berita", items["berita"].title)]
    tabs = {tab["key"]: tab["url"] for tab in response.context["types"]}
    assert f"kategori={category}" in tabs["berita"]
    agenda = client.get("/cari/" + tabs["agenda"])
    assert hits(agenda) == [("agenda", items["agenda"].title)]
    assert "kategori" not in tabs["agenda"] and "kategori" not in tabs[""]


def test_date_filter_uses_the_date_each_type_shows(client, portal):
    """QA: an event published today but held next month was filtered by its publication."""
    event = one_of_each(portal)["agenda"]
    day = timezone.localtime(event.starts_at).date()
    before = (day - timedelta(days=1)).isoformat()
    after = (day + timedelta(days=1)).isoformat()
    found = client.get("/cari/", {"q": WORD, "jenis": "agenda", "dari": before, "sampai": after})
    assert hits(found) == [("agenda", event.title)]
    assert timezone.localtime(event.published_at).date() < day - timedelta(days=1)
    later = client.get("/cari/", {"q": WORD, "jenis": "agenda", "dari": after})
    assert hits(later) == []
