"""Dates the Indonesian way: "Senin, 2 September 2024 14:11 WITA"."""

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
    with override("id"):
        text = date_format(local, "l, j F Y")
        if with_time:
            text += f" {local:%H:%M} {zone_label()}"
    return text


@register.filter
def tanggal_pendek(value):
    if not value:
        return ""
    with override("id"):
        return date_format(timezone.localtime(value), "j F Y")
