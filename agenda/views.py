"""Public agenda pages: upcoming list, month calendar (plain HTML table, no
JavaScript), the event page with JSON-LD Event, and iCalendar feeds."""

import calendar
import json
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from perangkat_daerah.models import PerangkatDaerah
from publishing.page_cache import public_page
from publishing.public import live_or_gone
from site_settings.models import SiteSettings

from . import ical
from .models import Event, EventCategory, local_midnight

PER_PAGE = 20


def public_events():
    return Event.objects.select_related("category", "perangkat_daerah")


def _page_number(request):
    raw = request.GET.get("page", "1")
    return max(int(raw), 1) if raw.isdigit() and len(raw) < 7 else 1


@require_safe
@public_page(query=("page",))
def upcoming(request, category=None):
    current = None
    if category is not None:
        current = get_object_or_404(EventCategory, slug=category)
    return _upcoming(request, category=current)


@require_safe
@public_page(query=("page",))
def upcoming_agency(request, slug):
    """The upcoming events one PD organises (linked from the PD's pages)."""
    agency = get_object_or_404(PerangkatDaerah.objects.active(), slug=slug)
    return _upcoming(request, agency=agency)


def _upcoming(request, category=None, agency=None):
    events = public_events().upcoming()
    heading = _("Agenda")
    if category is not None:
        events = events.filter(category=category)
        heading = category.name
    if agency is not None:
        events = events.filter(perangkat_daerah=agency)
        heading = _("Agenda of %(agency)s") % {"agency": agency.name}
    paginator = Paginator(events.order_by("starts_at", "pk"), PER_PAGE)
    number = _page_number(request)
    if number > paginator.num_pages:
        raise Http404
    page = paginator.page(number)
    today = timezone.localdate()
    if agency is not None:
        feeds = {
            "rss": reverse("agenda:agency_rss", args=[agency.slug]),
            "atom": reverse("agenda:agency_atom", args=[agency.slug]),
            "ical": reverse("agenda:ical_agency", args=[agency.slug]),
        }
    else:
        feeds = {name: reverse(f"agenda:{name}") for name in ("rss", "atom", "ical")}
    response = render(
        request,
        "agenda/upcoming.html",
        {
            "heading": heading,
            "category": category,
            "agency": agency,
            "feeds": feeds,
            "page_obj": page,
            "events": page.object_list,
            "categories": EventCategory.objects.all() if agency is None else [],
            "calendar_url": reverse("agenda:month", args=[today.year, today.month]),
        },
    )
    # Upcoming means "not ended": the cached list lasts until one of its events ends
    # (an event of an earlier page ending shifts this one too).
    shown = (
        page.object_list if number == 1 else events.order_by("starts_at", "pk")[: page.end_index()]
    )
    ends = [event.ends_at for event in shown if event.ends_at]
    response.cache_until = min(ends) if ends else None
    return response


@require_safe
def this_month(request):
    today = timezone.localdate()
    return redirect("agenda:month", year=today.year, month=today.month)


@require_safe
@public_page(query=())
def month(request, year, month):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = date(year, month, 1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = local_midnight(weeks[0][0]), local_midnight(weeks[-1][-1] + timedelta(days=1))
    events = list(public_events().overlapping(start, end).order_by("starts_at", "pk"))
    by_day = {}
    for event in events:
        day = max(event.first_day, weeks[0][0])
        while day <= min(event.last_day, weeks[-1][-1]):
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    rows = [[(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]
    previous = first - timedelta(days=1)
    following = first + timedelta(days=32)
    in_month = [e for e in events if e.first_day.month == month or e.last_day.month == month]
    response = render(
        request,
        "agenda/month.html",
        {
            "first": first,
            "weeks": rows,
            "weekdays": [_(name) for name in WEEKDAYS],
            "events": in_month,
            "today": timezone.localdate(),
            "previous_url": reverse("agenda:month", args=[previous.year, previous.month]),
            "next_url": reverse("agenda:month", args=[following.year, following.month]),
        },
    )
    response.cache_until = local_midnight(timezone.localdate() + timedelta(days=1))  # "today"
    return response


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@require_safe
@public_page(item=lambda kwargs: ("agenda.event", f"slug:{kwargs['slug']}"))
def detail(request, slug):
    event = live_or_gone(request, public_events().live(), slug=slug)
    if isinstance(event, HttpResponse):
        return event
    return render(
        request, "agenda/detail.html", {"object": event, "jsonld": event_jsonld(request, event)}
    )


def event_jsonld(request, event):
    def iso(value):
        if event.all_day:
            return timezone.localtime(value).date().isoformat()
        return timezone.localtime(value).isoformat()

    end = event.ends_at
    if event.all_day:
        end = local_midnight(event.last_day)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary or event.title,
        "startDate": iso(event.starts_at),
        "endDate": iso(end),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "location": {
            "@type": "Place",
            "name": event.place or str(event.perangkat_daerah),
            "address": event.address or event.place or str(event.perangkat_daerah),
        },
        "organizer": {"@type": "GovernmentOrganization", "name": event.perangkat_daerah.name},
        "inLanguage": "id",
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _ics_response(request, events, name, filename):
    body = ical.calendar_for(request, events, name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


ICS_WINDOW = timedelta(days=180)


def _feed_events():
    since = timezone.now() - ICS_WINDOW
    return public_events().live().filter(ends_at__gte=since).order_by("starts_at", "pk")[:500]


@require_safe
@public_page(query=())
def ical_all(request):
    name = _("Agenda — %(site)s") % {"site": SiteSettings.load().site_name}
    return _ics_response(request, _feed_events(), name, "agenda")


@require_safe
@public_page(query=())
def ical_agency(request, slug):
    pd = get_object_or_404(PerangkatDaerah.objects.active(), slug=slug)
    events = (
        public_events()
        .live()
        .filter(perangkat_daerah=pd, ends_at__gte=timezone.now() - ICS_WINDOW)
        .order_by("starts_at", "pk")[:500]
    )
    site = SiteSettings.load().site_name
    name = _("Agenda of %(agency)s — %(site)s") % {"agency": pd.name, "site": site}
    return _ics_response(request, events, name, f"agenda-{pd.slug}")
