"""Serve uploaded media from local storage (when no object store / CDN serves it).

Only known, safe types are served; nothing is ever served as HTML or SVG, and
every response carries nosniff and a sandboxing CSP. Documents are downloads, named
after their title (media_library.downloads), never after the generated file name.
Paths are generated (uuid), so files never change: images are cached for a year,
documents (whose publication can be withdrawn) five minutes (see ``cache_control``).
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from media_library import access, downloads
from media_library.models import Document

INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
DOWNLOAD_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def serve_media(request, path):
    pure = PurePosixPath(path)
    # Only the one spelling storage uses: "a//b", "a/./b" or "b/" would reach the same
    # file under a name that the withheld-file lookup does not know.
    if str(pure) != path or ".." in pure.parts or pure.is_absolute() or "\x00" in path:
        raise Http404
    suffix = pure.suffix.lower()
    content_type = INLINE_TYPES.get(suffix) or DOWNLOAD_TYPES.get(suffix)
    if content_type is None or not default_storage.exists(path):
        raise Http404
    download = suffix in DOWNLOAD_TYPES
    # A document file is few rows (usually one): its title names the download.
    documents = (
        list(Document.objects.filter(file=path).values_list("pk", "title")[:5]) if download else []
    )
    withheld = access.withheld_ids(pk for pk, _title in documents)
    if withheld and not access.staff_may_see(request, withheld):
        raise Http404  # e.g. the file of an exempt (dikecualikan) PPID entry
    response = FileResponse(
        default_storage.open(path, "rb"), content_type=content_type, as_attachment=download
    )
    if download:
        title = documents[0][1] if documents else ""
        downloads.attach(response, title, suffix.lstrip("."))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = cache_control(suffix, withheld)
    return response


def cache_control(suffix, withheld):
    """Image files never become non-public (an image has no exemption; a new photo is a
    new file), so they are cached for a year. A document can be withdrawn at any moment
    (an entry reclassified as dikecualikan): caches may keep it five minutes only."""
    if withheld:
        return "private, no-store"
    if suffix in DOWNLOAD_TYPES:
        return "public, max-age=300"
    return "public, max-age=31536000, immutable"
