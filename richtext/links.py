"""The one check for an address a person types into a link field (menu items, an
event's coverage article ...): a path on this site or an http(s) address; never
javascript:, data:, //host or /\\host (browsers read a backslash as a slash)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def clean_address(value):
    """The stripped address, or ValidationError with an Indonesian message."""
    value = (value or "").strip()
    if not value:
        return ""
    if value.startswith("/") and not value.startswith("//"):
        if _UNSAFE.search(value):
            raise ValidationError(_("The address may not contain spaces or control characters."))
        return value
    if value.lower().startswith(("http://", "https://")):
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValidationError(_("Enter a valid address.")) from None
        return value
    raise ValidationError(
        _("Enter a path on this site starting with / or an address starting with https://.")
    )
