"""iCalendar (RFC 5545) feeds built with the icalendar package."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as ICalEvent


def calendar_for(request, events, name):
    cal = Calendar()
    cal.add("prodid", "-//Kominfo CMS//Agenda//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", str(name))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0] or "localhost"
    for event in events:
        cal.add_component(_component(request, event, host))
    return cal.to_ical()


def _component(request, event, host):
    item = ICalEvent()
    item.add("uid", f"agenda-{event.pk}@{host}")
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", event.first_day)
        item.add("dtend", event.last_day + timedelta(days=1))
    else:
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
    location = ", ".join(part for part in (event.place, event.address) if part)
    if location:
        item.add("location", location)
    url = request.build_absolute_uri(event.get_absolute_url())
    item.add("url", url)
    item.add("description", "\n\n".join(p for p in (event.summary, url) if p))
    item.add("organizer", f"mailto:noreply@{host}", parameters={"cn": event.perangkat_daerah.name})
    if event.category_id:
        item.add("categories", [event.category.name])
    item.add("last-modified", event.updated_at)
    return item
