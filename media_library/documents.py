"""Documents are identified by their content: PDF by its header, Office Open XML
and OpenDocument by the parts inside the ZIP container (never decompressing more
than a few bytes, so ZIP bombs cost nothing). Macro-enabled files are refused."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .names import check_extension

OOXML_KINDS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
DOCUMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
MACRO_MARKERS = ("vbaproject.bin", "macroenabled", "basic/", "scripts/")


def _zip_kind(archive):
    names = archive.namelist()
    lowered = [name.lower() for name in names]
    if any(marker in name for name in lowered for marker in MACRO_MARKERS):
        return None
    if "mimetype" in names:
        with archive.open("mimetype") as handle:
            mimetype = handle.read(100).decode("ascii", "replace").strip()
        return ODF_KINDS.get(mimetype)
    if "[Content_Types].xml" not in names:
        return None
    with archive.open("[Content_Types].xml") as handle:
        if b"macroEnabled" in handle.read(64 * 1024):
            return None
    for prefix, kind in OOXML_KINDS.items():
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


def sniff_document_kind(data):
    """The document kind from its content, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf" if b"%%EOF" in data[-2048:] else None
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _zip_kind(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, RuntimeError, EOFError):
        return None
    except (KeyError, NotImplementedError, UnicodeDecodeError):
        return None


def clean_document_bytes(data, filename=""):
    """The document kind, or a ValidationError with a message for the user."""
    kind = sniff_document_kind(data)
    if kind is None:
        raise ValidationError(
            _("Only PDF, DOCX, XLSX, PPTX, ODT and ODS documents can be uploaded."),
            code="invalid_document",
        )
    check_extension(filename, {kind})
    return kind
