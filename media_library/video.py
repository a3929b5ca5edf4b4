"""Videos on YouTube/Vimeo, shown as click-to-load previews (shared by article bodies
and the video gallery). Until the reader clicks, the page shows a local placeholder and
a plain link (which also works without JavaScript); ``static/js/video-embed.js`` swaps
in the youtube-nocookie.com player only on that click. Nothing is requested from
another host before the click."""

import re
from dataclasses import dataclass

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _

EMBED_PATTERNS = (
    re.compile(
        r"^https://(?:www\.|m\.)?youtube\.com/watch\?v=(?P<id>[A-Za-z0-9_-]{6,20})(?:&.*)?$"
    ),
    re.compile(r"^https://youtu\.be/(?P<id>[A-Za-z0-9_-]{6,20})(?:\?.*)?$"),
    re.compile(r"^https://(?:www\.)?youtube\.com/(?:embed|shorts)/(?P<id>[A-Za-z0-9_-]{6,20})$"),
    re.compile(r"^https://(?:www\.)?vimeo\.com/(?P<vimeo>\d{1,12})$"),
)
PLACEHOLDER = "img/video-placeholder.svg"


@dataclass(frozen=True)
class Video:
    provider: str  # "youtube" or "vimeo"
    id: str

    @property
    def watch_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://vimeo.com/{self.id}"

    @property
    def embed_url(self):
        """Only YouTube plays inside the page, from youtube-nocookie.com (the one host in
        the public CSP frame-src); Vimeo stays a link."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}?autoplay=1"
        return None

    @property
    def label(self):
        return _("Play the YouTube video") if self.provider == "youtube" else _("Watch on Vimeo")


def video_of(url):
    for pattern in EMBED_PATTERNS:
        match = pattern.match(url or "")
        if match:
            groups = match.groupdict()
            if groups.get("vimeo"):
                return Video("vimeo", groups["vimeo"])
            return Video("youtube", groups["id"])
    return None


def preview_html(video, title=""):
    """The click-to-load preview of one video (a figure with a local placeholder).
    ``title`` (the video's name, when known) becomes the player's frame title once it
    plays; the button's "play" label would no longer describe it."""
    placeholder = format_html(
        '<img src="{}" alt="" width="640" height="360" loading="lazy" decoding="async">',
        static(PLACEHOLDER),
    )
    note = _("The video loads from YouTube only when you press play.")
    if video.embed_url is None:
        note = _("Opens the video on Vimeo.")
    return format_html(
        '<figure class="media video-embed"><a class="video-embed-link" href="{}"{}'
        ' rel="noopener noreferrer">{}<span class="video-embed-play">{}</span>'
        '<span class="video-embed-note">{}</span></a></figure>',
        video.watch_url,
        format_html(
            ' data-embed-src="{}" data-embed-title="{}"',
            video.embed_url,
            _("YouTube video: %(title)s") % {"title": title} if title else _("YouTube video"),
        )
        if video.embed_url
        else "",
        placeholder,
        video.label,
        note,
    )
