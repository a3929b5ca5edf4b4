"""Agenda blocks for other pages' templates (e.g. the home page), in one query."""

from django import template

from ..models import Event

register = template.Library()


@register.simple_tag
def upcoming_events(limit=3):
    return list(
        Event.objects.upcoming()
        .select_related("perangkat_daerah")
        .order_by("starts_at", "pk")[: max(1, min(int(limit), 10))]
    )
