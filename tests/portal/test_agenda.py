"""Agenda: times in WITA, all-day events, the public pages and the iCalendar feeds
(parsed with the icalendar package, as calendar apps do)."""

import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from agenda.models import Event, EventCategory
from tests.factories import make_pd

from .conftest import publish

pytestmark = pytest.mark.django_db


def wita(*args):
    return timezone.make_aware(datetime(*args))


def make_event(world, pd=None, **fields):
    values = {
        "title": "Rapat Koordinasi Stunting",
        "slug": f"rakor-{Event.objects.count() + 1}",
        "starts_at": timezone.now() + timedelta(days=2),
        "place": "Ruang Meranti, Kantor Bupati",
        "perangkat_daerah": pd or world.pd,
    }
    values.update(fields)
    return Event.objects.create(**values)


def test_site_time_zone_is_wita(settings):
    assert settings.TIME_ZONE == "Asia/Makassar"


def test_all_day_event_spans_whole_local_days_and_saves_twice_the_same(world):
    event = make_event(
        world, all_day=True, starts_at=wita(2026, 12, 3, 15, 0), ends_at=wita(2026, 12, 4, 9, 0)
    )
    assert timezone.localtime(event.starts_at) == wita(2026, 12, 3)
    assert timezone.localtime(event.ends_at) == wita(2026, 12, 5)
    assert (event.first_day, event.last_day) == (date(2026, 12, 3), date(2026, 12, 4))
    event.save()
    event.refresh_from_db()
    assert timezone.localtime(event.ends_at) == wita(2026, 12, 5)


def test_all_day_event_pages_show_the_last_day_not_the_exclusive_end(world, client):
    """Ends 23 December (the editor's last day): every page says 21 – 23, not 24 (QA)."""
    start = timezone.now() + timedelta(days=20)
    first = timezone.localtime(start).date()
    event = publish(
        world,
        make_event(
            world,
            title="Festival Kuliner",
            all_day=True,
            starts_at=start,
            ends_at=wita(*(first + timedelta(days=2)).timetuple()[:3], 10, 0),
        ),
    )
    assert event.last_day == first + timedelta(days=2)
    wrong_day = first + timedelta(days=3)
    shown = f"{event.last_day.day} "
    month_url = f"/agenda/kalender/{first.year}/{first.month}/"
    for url in (event.get_absolute_url(), "/agenda/", month_url):
        page = client.get(url).content.decode()
        assert "Festival Kuliner" in page, url
        assert f"– {shown}" in page, url
        assert f"– {wrong_day.day} " not in page, url


def test_timed_event_without_end_lasts_two_hours(world):
    event = make_event(world, starts_at=wita(2026, 12, 3, 9, 0))
    assert event.ends_at - event.starts_at == timedelta(hours=2)


def test_upcoming_lists_only_live_future_events(world, client):
    live = publish(world, make_event(world, title="Upacara Hari Jadi Kutai Timur"))
    publish(
        world,
        make_event(world, title="Acara Kemarin", starts_at=timezone.now() - timedelta(days=3)),
    )
    make_event(world, title="Draf Rahasia")
    page = client.get("/agenda/").content.decode()
    assert live.title in page
    assert "Acara Kemarin" not in page
    assert "Draf Rahasia" not in page
    assert client.get(f"/agenda/{live.slug}/").status_code == 200
    assert client.get("/agenda/rakor-3/").status_code == 404  # the draft


def test_agenda_bupati_is_a_category_filter(world, client):
    bupati = EventCategory.objects.get(slug="agenda-bupati")
    publish(world, make_event(world, title="Bupati Meresmikan Pasar", category=bupati))
    publish(world, make_event(world, title="Pelatihan Humas"))
    page = client.get("/agenda/kategori/agenda-bupati/").content.decode()
    assert "Bupati Meresmikan Pasar" in page
    assert "Pelatihan Humas" not in page
    assert client.get("/agenda/kategori/tidak-ada/").status_code == 404


def test_month_calendar_is_a_plain_table_with_links(world, client):
    event = publish(
        world,
        make_event(world, all_day=True, starts_at=wita(2026, 12, 30), ends_at=wita(2027, 1, 2, 10)),
    )
    response = client.get("/agenda/kalender/2026/12/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<table" in html and "<script" not in html.split("<main", 1)[1]
    # An event over the new year shows on each of its days in this view (30, 31 Dec, 1, 2 Jan)
    assert html.count(f'href="{event.get_absolute_url()}"') == 4 + 1  # 4 days + the list below
    assert 'href="/agenda/kalender/2027/1/"' in html and 'href="/agenda/kalender/2026/11/"' in html
    assert client.get("/agenda/kalender/2026/13/").status_code == 404
    assert client.get("/agenda/kalender/").status_code == 302


def test_event_page_has_json_ld_event(world, client):
    event = publish(
        world,
        make_event(
            world,
            title='Dialog "Publik" <script>alert(1)</script>',
            starts_at=wita(2026, 12, 3, 9, 0),
            ends_at=wita(2026, 12, 3, 12, 0),
        ),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"] == "2026-12-03T09:00:00+08:00"
    assert data["endDate"] == "2026-12-03T12:00:00+08:00"
    assert data["location"]["name"] == "Ruang Meranti, Kantor Bupati"
    assert "09:00 WITA" in html


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_ical_feed_parses_with_times_and_all_day_dates(world, client):
    timed = publish(
        world,
        make_event(
            world, title="Musrenbang Kecamatan", starts_at=wita(2026, 12, 3, 9, 0),
            ends_at=wita(2026, 12, 3, 12, 30),
        ),
    )  # fmt: skip
    all_day = publish(
        world,
        make_event(world, title="Pameran UMKM", all_day=True, starts_at=wita(2026, 12, 5),
                   ends_at=wita(2026, 12, 6, 17)),
    )  # fmt: skip
    make_event(world, title="Belum Terbit")
    cal = _parse(client.get("/agenda/agenda.ics"))
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {timed.title, all_day.title}
    start = events[timed.title].decoded("dtstart")
    # The same instant as 09:00 WITA, written in UTC (no floating local time)
    assert start == wita(2026, 12, 3, 9, 0) and start.tzinfo is not None
    assert events[timed.title].decoded("dtend") == wita(2026, 12, 3, 12, 30)
    assert events[all_day.title].decoded("dtstart") == date(2026, 12, 5)
    assert events[all_day.title].decoded("dtend") == date(2026, 12, 7)  # exclusive end
    assert str(events[timed.title]["uid"]).startswith(f"agenda-{timed.pk}@")
    assert str(events[timed.title]["url"]).endswith(timed.get_absolute_url())


def test_ical_feed_per_agency(world, client):
    other = make_pd()
    mine = publish(world, make_event(world, title="Rapat Dinas Sendiri"))
    publish(world, make_event(world, pd=other, title="Rapat Dinas Lain"))
    cal = _parse(client.get(f"/agenda/pd/{world.pd.slug}/agenda.ics"))
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == [mine.title]
    assert client.get("/agenda/pd/tidak-ada/agenda.ics").status_code == 404


def test_non_ascii_text_survives_the_feed(world, client):
    publish(world, make_event(world, title="Festival Budaya ꦲꦏ꧀ꦱꦫ & Café 中文; koma, titik"))
    cal = _parse(client.get("/agenda/agenda.ics"))
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == [
        "Festival Budaya ꦲꦏ꧀ꦱꦫ & Café 中文; koma, titik"
    ]


def test_home_page_shows_the_next_live_events(world, client):
    publish(world, make_event(world, title="Apel Gabungan ASN"))
    publish(
        world, make_event(world, title="Acara Lalu", starts_at=timezone.now() - timedelta(days=2))
    )
    make_event(world, title="Agenda Draf")
    html = client.get("/").content.decode()
    assert "Agenda mendatang" in html and "Apel Gabungan ASN" in html
    assert "Acara Lalu" not in html and "Agenda Draf" not in html
