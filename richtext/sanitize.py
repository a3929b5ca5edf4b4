"""One allowlist for rich-text bodies (articles, pages, announcements), matching the CKEditor 5 toolbar.

Everything not listed here is removed before the body reaches the database:
scripts, event handlers, style attributes, forms, iframes, javascript:/data: URLs,
and images that are not from our own media library.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

from media_library.video import EMBED_PATTERNS

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "figure",
    "figcaption",
    "img",
    "oembed",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "oembed": {"url"},
    "figure": {"class"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
FIGURE_CLASSES = {"image", "table", "media", "image-style-side", "image_resized"}


def embed_src(url):
    """The iframe URL for an allowlisted YouTube/Vimeo address, else None."""
    for pattern in EMBED_PATTERNS:
        match = pattern.match(url or "")
        if match:
            groups = match.groupdict()
            if groups.get("vimeo"):
                return f"https://player.vimeo.com/video/{groups['vimeo']}?dnt=1"
            return f"https://www.youtube-nocookie.com/embed/{groups['id']}"
    return None


def _is_own_media(src):
    parts = urlsplit(src)
    media_url = settings.MEDIA_URL
    if parts.scheme or parts.netloc:
        site = urlsplit(getattr(settings, "SITE_URL", ""))
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return False
    return parts.path.startswith(media_url) and ".." not in parts.path


def _attribute_filter(tag, attribute, value):
    if tag == "img" and attribute == "src":
        return value if _is_own_media(value) else None
    if tag == "oembed" and attribute == "url":
        return value if embed_src(value) else None
    if tag == "figure" and attribute == "class":
        kept = [c for c in value.split() if c in FIGURE_CLASSES]
        return " ".join(kept) or None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) <= 4 else None
    return value


_EMPTY_IMG = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_EMPTY_OEMBED = re.compile(r"<oembed(?![^>]*\surl=)[^>]*>\s*</oembed>")


def clean_body(html):
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An <img> or <oembed> whose address was refused is useless: drop it entirely.
    cleaned = _EMPTY_IMG.sub("", cleaned)
    return _EMPTY_OEMBED.sub("", cleaned).strip()
