"""Client file names: only ever used as a default title and for an extension check.

Stored files always get a generated path (see ``pipeline.generated_path``)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_EXTENSION = re.compile(r"^[a-z0-9]{1,5}$")


def _basename(filename):
    name = "".join(ch for ch in (filename or "") if unicodedata.category(ch) not in ("Cc", "Cf"))
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()


def split_name(filename):
    """(stem, extension) of the client's name; extension is "" when there is none."""
    name = _basename(filename)
    if "." in name:
        stem, ext = name.rsplit(".", 1)
        if _EXTENSION.match(ext.lower()):
            return stem.strip(), ext.lower()
    return name, ""


def check_extension(filename, allowed):
    """Refuse a file whose name claims a different type than its content."""
    ext = split_name(filename)[1]
    if ext and ext not in allowed:
        raise ValidationError(
            _("The file name ends in .%(ext)s but the content is a different type of file.")
            % {"ext": ext},
            code="extension_mismatch",
        )


def default_title(filename, fallback=None):
    stem = " ".join(split_name(filename)[0].split())
    return (stem or fallback or _("Untitled image"))[:200]
