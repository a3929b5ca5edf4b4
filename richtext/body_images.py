"""Library images inside a rich-text body, as the sanitiser stored it (nh3 always writes
attributes as ``name="value"`` with ``&`` and ``"`` escaped, so the small patterns below
match exactly what is stored): which library Image each ``<img src>`` shows, and which
of them a user may not put into a body."""

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from django.conf import settings

IMG_TAG = re.compile(r'<img((?:\s+[\w-]+="[^"]*")*)\s*/?>')
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
IMAGE_EXTENSIONS = ("jpg", "png", "gif")  # what the pipeline stores


def attributes(attrs_text):
    return {name: html.unescape(value) for name, value in ATTRIBUTE.findall(attrs_text)}


def storage_name(src):
    """The media storage name a body src points at, or None for anything else."""
    path = unquote(urlsplit(src or "").path)
    prefix = urlsplit(settings.MEDIA_URL).path
    if not path.startswith(prefix) or ".." in path or not path.isprintable():
        return None  # isprintable: no NUL or control characters reach the database
    name = path[len(prefix) :]
    return name if len(name) <= 255 else None


def candidate_files(name):
    """Image.file values that may own ``name``: the file itself, or the original of a
    rendition (renditions/<folders>/<stem>/<spec>.<ext> ← images/<folders>/<stem>.<ext>)."""
    if name.startswith("images/"):
        return [name]
    if name.startswith("renditions/"):
        folder = posixpath.dirname(name)[len("renditions/") :]
        parent, stem = posixpath.split(folder)
        if stem:
            return [posixpath.join("images", parent, f"{stem}.{ext}") for ext in IMAGE_EXTENSIONS]
    return []


def images_in_body(body):
    """{src: Image} for the library images shown in ``body``: one query, none without <img>."""
    from media_library.models import Image

    if "<img" not in (body or ""):
        return {}
    wanted = {}
    for match in IMG_TAG.finditer(body):
        src = attributes(match.group(1)).get("src", "")
        name = storage_name(src)
        for file_name in candidate_files(name) if name else []:
            wanted.setdefault(file_name, set()).add(src)
    if not wanted:
        return {}
    found = {}
    fields = (
        "file",
        "width",
        "height",
        "renditions",
        "alt_text",
        "is_decorative",
        "title",
        "perangkat_daerah",
    )
    for image in Image.objects.filter(file__in=list(wanted)).only(*fields):
        for src in wanted[image.file.name]:
            found[src] = image
    return found


def images_not_usable_by(user, body, saved_body=""):
    """The library Images in ``body`` (already sanitised) that ``user`` may not put
    there: neither visible to them (another agency's, for a Penulis) nor already in
    the item's saved body. One query per body with images, none without."""
    from media_library.models import Image

    shown = {image.pk: image for image in images_in_body(body).values()}
    if not shown:
        return []
    kept = {image.pk for image in images_in_body(saved_body).values()}
    wanted = set(shown) - kept
    usable = set(Image.objects.visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True))
    return [shown[pk] for pk in sorted(wanted - usable)]
