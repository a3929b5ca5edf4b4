"""The one check for an address a person types into a link field (menu items, an
event's coverage article ...): a path on this site or an http(s) address; never
javascript:, data:, //host or /\\host (browsers read a backslash as a slash)."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def clean_address(value, local_only=False):
    """The stripped address, or ValidationError with an Indonesian message.
    ``local_only``: a page of this site; its full address (SITE_URL's host) becomes
    the path, any other host is refused."""
    value = (value or "").strip()
    if not value:
        return ""
    if _UNSAFE.search(value):
        # "https://evil.example\@our.host" leads a browser to evil.example.
        raise ValidationError(_("The address may not contain spaces or control characters."))
    if value.startswith("/") and not value.startswith("//"):
        return value
    if value.lower().startswith(("http://", "https://")):
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValidationError(_("Enter a valid address.")) from None
        if local_only:
            return _local_path(value)
        return value
    if local_only:
        raise ValidationError(_("Enter the address of a page on this site, e.g. /berita/judul/."))
    raise ValidationError(
        _("Enter a path on this site starting with / or an address starting with https://.")
    )


def _local_path(url):
    parts = urlsplit(url)
    if parts.hostname != urlsplit(settings.SITE_URL).hostname or parts.username or parts.password:
        raise ValidationError(_("Enter the address of a page on this site, e.g. /berita/judul/."))
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path
