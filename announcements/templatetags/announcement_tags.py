"""The announcement block for the home page: one query."""

from django import template

from ..models import Announcement

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
