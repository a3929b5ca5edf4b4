"""Agenda blocks for other pages' templates (e.g. the home page), in one query."""

from django import template

from publishing.memo import memo
from publishing.page_cache import changes_at

from ..models import Event

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_events(context, limit=3):
    """The next events, once per content generation until the first of them ends (then
    it leaves the list by itself: a cached page showing it is not served after that)."""
    request = context.get("request")
    generation = getattr(request, "content_generation", None)
    limit = max(1, min(int(limit), 10))
    events = memo(
        generation, ("upcoming-events", limit), lambda: _upcoming(limit), until=_first_end
    )
    changes_at(request, _first_end(events))
    return events


def _upcoming(limit):
    return list(
        Event.objects.upcoming()
        .select_related("perangkat_daerah")
        .order_by("starts_at", "pk")[:limit]
    )


def _first_end(events):
    return min((event.ends_at for event in events if event.ends_at), default=None)
