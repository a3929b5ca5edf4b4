"""The article body as readers get it (rewritten at render; the stored body stays the
editor's HTML so it can be edited again):

* a photo inserted with the editor becomes the same ``<picture>`` as a featured image
  (WebP + JPEG srcset/sizes from the library's renditions, width/height, lazy loading);
* a video inserted with the media-embed button becomes a click-to-load preview: a local
  placeholder and a plain link to the video; ``static/js/video-embed.js`` swaps in the
  youtube-nocookie.com player only when the reader clicks. Nothing is requested from
  another host before that click.
"""

import html
import re
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from media_library.templatetags.media_tags import picture
from media_library.video import preview_html, video_of

from .body_media import IMG_TAG, attributes, images_in_body

BODY_SIZES = "(min-width: 800px) 760px, calc(100vw - 32px)"
SIDE_SIZES = "(min-width: 800px) 380px, calc(50vw - 16px)"

OEMBED = re.compile(
    r'(?:<figure class="media">\s*)?<oembed url="([^"]*)"></oembed>(?:\s*</figure>)?'
)
SIDE_FIGURE_IMG = re.compile(r'<figure class="[^"]*image-style-side[^"]*">\s*<img')


@dataclass(frozen=True)
class RenderedBody:
    html: SafeString
    has_video: bool


def _picture_for(match, images, side_positions):
    attrs = attributes(match.group(1))
    src = attrs.get("src", "")
    image = images.get(src)
    if image is None:  # not (or no longer) in the library: keep it, but lazily
        return match.group(0)[:-1].rstrip("/ ") + ' loading="lazy" decoding="async">'
    alt = attrs.get("alt", "").strip() or image.default_alt
    sizes = SIDE_SIZES if match.start() in side_positions else BODY_SIZES
    return picture(image, sizes=sizes, alt=alt)


def _video_preview(match):
    video = video_of(html.unescape(match.group(1)))
    return preview_html(video) if video is not None else ""


def render_body(body):
    body = body or ""
    if "<img" in body:
        images = images_in_body(body)
        side = {m.end() - 4 for m in SIDE_FIGURE_IMG.finditer(body)}
        body = IMG_TAG.sub(lambda m: _picture_for(m, images, side), body)
    has_video = False
    if "<oembed" in body:
        body = OEMBED.sub(_video_preview, body)
        has_video = "data-embed-src" in body
    return RenderedBody(mark_safe(body), has_video)
