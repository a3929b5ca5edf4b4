"""Media inside an article body, as the editor stored it (see ``articles.sanitize``):

* ``<img src="/media/...">`` inserted with the editor's image button: the src is one of
  the library image's renditions (``media_library.views.editor_image_url``) or its file;
  ``images_in_body`` finds the library Images behind them with one query;
* ``<oembed url="...">`` inserted with the media-embed button: ``video_of`` tells which
  YouTube/Vimeo video it is.

The sanitiser's serialiser (nh3) always writes attributes as ``name="value"`` with ``&``
and ``"`` escaped, so the small patterns below match exactly what is stored.
"""

from dataclasses import dataclass

from django.utils.translation import ngettext

from media_library.video import Video, video_of  # noqa: F401 (moved; kept importable)
from richtext.body_images import (  # noqa: F401 (shared by every rich-text body)
    IMG_TAG,
    attributes,
    candidate_files,
    images_in_body,
    storage_name,
)


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
