"""Media inside an article body, as the editor stored it (see ``articles.sanitize``):

* ``<img src="/media/...">`` inserted with the editor's image button: the src is one of
  the library image's renditions (``media_library.views.editor_image_url``) or its file;
  ``images_in_body`` finds the library Images behind them with one query;
* ``<oembed url="...">`` inserted with the media-embed button: ``video_of`` tells which
  YouTube/Vimeo video it is.

The sanitiser's serialiser (nh3) always writes attributes as ``name="value"`` with ``&``
and ``"`` escaped, so the small patterns below match exactly what is stored.
"""

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.translation import ngettext

from media_library.video import Video, video_of  # noqa: F401 (moved; kept importable)

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
    fields = ("file", "width", "height", "renditions", "alt_text", "is_decorative", "title")
    for image in Image.objects.filter(file__in=list(wanted)).only(*fields):
        for src in wanted[image.file.name]:
            found[src] = image
    return found


@dataclass(frozen=True)
class BodyImage:
    src: str
    alt: str
    image: object  # media_library Image or None


def body_images(body):
    images = images_in_body(body)
    result = []
    for match in IMG_TAG.finditer(body or ""):
        attrs = attributes(match.group(1))
        src = attrs.get("src", "")
        result.append(BodyImage(src, attrs.get("alt", "").strip(), images.get(src)))
    return result


def missing_alt_texts(article):
    """For "Yang masih kurang": photos inserted in the body with no text alternative
    (neither typed in the editor nor stored on the library image, nor marked decorative)."""
    count = sum(
        1
        for item in body_images(article.body)
        if not item.alt and not (item.image is not None and item.image.has_alt_text)
    )
    if not count:
        return []
    return [
        ngettext(
            "alt text of %(count)d photo in the body",
            "alt text of %(count)d photos in the body",
            count,
        )
        % {"count": count}
    ]
