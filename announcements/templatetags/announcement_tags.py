"""Announcement blocks for other pages' templates (home, search): one query each."""

from django import template

from ..models import Announcement
from ..views import search

register = template.Library()


@register.inclusion_tag("announcements/_block.html")
def announcements_block(limit=5):
    items = (
        Announcement.objects.live()
        .select_related("perangkat_daerah")
        .defer("body")
        .order_by("-published_at", "-pk")[:limit]
    )
    return {"items": list(items)}


@register.inclusion_tag("announcements/_results.html")
def announcement_results(query, limit=5):
    items = []
    if query:
        items = list(
            search(Announcement.objects.live(), query)
            .defer("body")
            .order_by("-published_at", "-pk")[:limit]
        )
    return {"items": items, "query": query}
