"""The file name a document downloads under: its title, readable, never header syntax.

Stored files have generated names (``pipeline.generated_path``); a reader saving
"Surat Edaran Café Ramadhan" should get ``Surat Edaran Café Ramadhan.pdf``, not
``3f9c….pdf``. The title is typed by staff, so everything that could break out of the
header or the file system (quotes, backslashes, CR/LF and other controls, semicolons, equals signs,
path separators, bidirectional overrides) is dropped before the name is written, as an
ASCII ``filename`` for old clients plus an RFC 5987/6266 ``filename*`` in UTF-8.
"""

import re
import unicodedata
from urllib.parse import quote

FALLBACK_STEM = "dokumen"
MAX_STEM = 120
# Reserved in file names on Windows or meaningful in the header (quoted-string, params).
_UNSAFE = re.compile(r'[\\/:*?"<>|;=]+')
_SPACES = re.compile(r"\s+")


def _clean_stem(title, extension):
    text = unicodedata.normalize("NFC", title or "")
    # Controls (CR, LF, NUL), format characters (RTL overrides that disguise an
    # extension), separators other than a plain space: all become a space.
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    text = _SPACES.sub(" ", _UNSAFE.sub(" ", text)).strip(" .")
    if extension and text.lower().endswith(f".{extension.lower()}"):
        text = text[: -len(extension) - 1].rstrip(" .")
    return text[:MAX_STEM].rstrip(" .")


def download_filename(title, extension):
    """``"Surat Edaran Café Ramadhan.pdf"``; ``"dokumen.pdf"`` for an empty title."""
    extension = re.sub(r"[^a-z0-9]", "", (extension or "").lower())
    stem = _clean_stem(title, extension) or FALLBACK_STEM
    return f"{stem}.{extension}" if extension else stem


def _ascii(filename):
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    stem = _SPACES.sub(" ", stem).strip(" .") or FALLBACK_STEM
    return f"{stem}.{extension}" if extension else stem


def content_disposition(filename):
    """``attachment; filename="…"; filename*=UTF-8''…`` for a name from
    ``download_filename`` (the ASCII part is only its transliteration)."""
    header = f'attachment; filename="{_ascii(filename)}"'
    if not filename.isascii():
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def attach(response, title, extension):
    """Set the download headers of ``response`` (a FileResponse) for this title."""
    response.headers["Content-Disposition"] = content_disposition(
        download_filename(title, extension)
    )
    return response
