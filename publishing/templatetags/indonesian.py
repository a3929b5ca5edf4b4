"""Dates the Indonesian way: "Senin, 2 September 2024 14:11 WITA"."""

from datetime import datetime
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import override

register = template.Library()

ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_label(tz=None):
    tz = tz or timezone.get_current_timezone()
    return ZONE_LABELS.get(str(tz), timezone.localtime().strftime("%Z"))


@register.filter
def tanggal(value, with_time=True):
    """Full Indonesian date in the site time zone; empty for a missing date (never 1970)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    text = _date_text(local.date(), "l, j F Y")
    if with_time:
        text += f" {local:%H:%M} {zone_label()}"
    return text


@register.filter
def tanggal_pendek(value):
    """ "2 September 2024" from a moment (in site time) or a calendar day."""
    if not value:
        return ""
    day = timezone.localtime(value).date() if isinstance(value, datetime) else value
    return _date_text(day, "j F Y")


@lru_cache(maxsize=1024)
def _date_text(day, fmt):
    """Day and month names from the Indonesian catalogue; a language switch per call
    was a large part of rendering a list of teasers, so each date is formatted once."""
    with override("id"):
        return date_format(day, fmt)
