"""The announcement block for the home page: one query, once per content generation
(an announcement's publication and expiry times renew the generation)."""

from django import template

from publishing.memo import memo

from ..models import Announcement

register = template.Library()


@register.inclusion_tag("announcements/_block.html", takes_context=True)
def announcements_block(context, limit=5):
    generation = getattr(context.get("request"), "content_generation", None)
    return {"items": memo(generation, ("announcements-block", limit), lambda: _items(limit))}


def _items(limit):
    items = (
        Announcement.objects.live()
        .select_related("perangkat_daerah")
        .defer("body")
        .order_by("-published_at", "-pk")[:limit]
    )
    return list(items)
