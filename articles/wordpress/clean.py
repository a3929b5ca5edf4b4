"""Turn a WordPress post body into HTML for our editor.

Gutenberg block comments go; ``[caption]`` becomes a figure, ``[embed]``/``[video]``,
Gutenberg embed blocks and YouTube/Vimeo URLs on a line of their own become our
``<oembed>``; ``[gallery ids=…]`` is collected for the article's gallery; other
shortcodes lose their brackets; classic-editor text gets its paragraphs (wpautop).
Image and link addresses are handed to the importer's resolvers, which know the
imported media and posts. The result is sanitised again on save (articles.sanitize).
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

from articles.sanitize import embed_src

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
GUTENBERG_EMBED = re.compile(
    r"<figure[^>]*\bwp-block-embed[^>]*>\s*<div[^>]*wp-block-embed__wrapper[^>]*>\s*"
    r"(?P<url>[^<\s]+)\s*</div>(?:\s*<figcaption[^>]*>.*?</figcaption>)?\s*</figure>",
    re.S | re.I,
)
EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\]\s*(?P<url>[^\[\s]+)\s*\[/embed\]", re.I)
VIDEO_SHORTCODE = re.compile(
    r"\[(?:video|youtube)[^\]]*?(?:src|mp4|url)?=?[\"']?(?P<url>https?://[^\"'\]\s]+)[\"']?[^\]]*\]"
    r"(?:\s*\[/(?:video|youtube)\])?",
    re.I,
)
CAPTION = re.compile(r"\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.S | re.I)
CAPTION_MEDIA = re.compile(
    r"^\s*(?P<media>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<text>.*)$", re.S
)
GALLERY = re.compile(r"\[gallery(?P<attrs>[^\]]*)\]", re.I)
OTHER_SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?\]")
URL_LINE = re.compile(
    r"(?:^|(?<=\n)|(?<=<p>))\s*(?P<url>https?://[^\s<>\"']+)\s*(?=$|\n|</p>)", re.M
)
ATTR_URL = re.compile(
    r"(?P<head><(?P<tag>img|a)\b[^>]*?\s(?P<attr>src|href)=)(?P<q>[\"'])(?P<url>.*?)(?P=q)",
    re.I | re.S,
)
BLOCK_START = re.compile(
    r"^\s*<(p|h[1-6]|ul|ol|li|blockquote|figure|table|div|pre|hr|dl|address|section)\b", re.I
)
# A writer credit typed into the body ("Penulis : Wak Hedir"): it becomes the byline.
CREDIT = re.compile(
    r"<p>\s*(?:<(?:strong|b|em|i)>\s*)*(?:Penulis|Pewarta|Reporter|Ditulis oleh)\s*:\s*"
    r"(?P<name>[^<]{2,80}?)\s*(?:</(?:strong|b|em|i)>\s*)*</p>",
    re.I,
)
# One credit line often names several people: "Ahmad Yani / Foto: BPBD".
CREDIT_PARTS = re.compile(r"\s*(?:/|\||;|,\s*(?=[A-Za-z ]{2,20}:))\s*")
PHOTO_LABEL = re.compile(
    r"^(?:foto|fotografer|foto oleh|dok(?:umentasi)?\.?)\s*:\s*(?P<name>.+)$", re.I
)
OTHER_LABEL = re.compile(r"^[A-Za-z][A-Za-z ]{1,20}\s*:\s*\S")
# Scripts and style sheets are dropped with their contents (stripping only the tags
# would turn their code into visible text).
SCRIPT_OR_STYLE = re.compile(
    r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)", re.S | re.I
)
# Control characters (CR/LF break e-mail headers) and Unicode bidi overrides/isolates
# (they disguise text) have no place in a title, tag, category or name.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
IDS = re.compile(r"ids\s*=\s*[\"']?(?P<ids>[\d,\s]+)")


@dataclass
class Cleaned:
    html: str
    gallery_ids: list = field(default_factory=list)
    credits: list = field(default_factory=list)
    photo_credit: str = ""
    notes: list = field(default_factory=list)


def one_line(text):
    """A single-line field (title, tag, category, byline): control characters become
    spaces, bidi override/isolate characters go, runs of spaces become one."""
    text = BIDI.sub("", CONTROL.sub(" ", text or ""))
    return re.sub(r"\s{2,}", " ", text).strip()


def drop_scripts(text):
    return SCRIPT_OR_STYLE.sub("", text or "")


def oembed(url):
    url = html.unescape(url).strip()
    if embed_src(url):
        return f'<figure class="media"><oembed url="{escape(url)}"></oembed></figure>'
    return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'


def _caption(match):
    attrs, inner = match.group("attrs"), match.group("inner")
    found = CAPTION_MEDIA.match(inner)
    if not found:
        return inner
    text = found.group("text").strip()
    if not text:
        attr = re.search(r"caption=[\"'](.*?)[\"']", attrs)
        text = attr.group(1) if attr else ""
    caption = f"<figcaption>{text}</figcaption>" if text else ""
    return f'<figure class="image">{found.group("media")}{caption}</figure>'


def autop(text):
    """WordPress's wpautop in small: blank lines separate paragraphs, single newlines
    are line breaks. Chunks that already start with a block element stay as they are."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if c.strip()]
    out = []
    for chunk in chunks:
        if BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def clean_content(raw, resolve_media=None, resolve_link=None, photo_credit_free=False):
    """Clean one post body. ``resolve_media(url)`` returns the new address of an image
    from wp-content/uploads (or None); ``resolve_link(url)`` the new address of a link
    to the old site (or None to keep it). ``photo_credit_free``: the featured image has
    no credit yet, so a "Foto: …" part of a credit line may become its credit."""
    result = Cleaned(html="")
    text = drop_scripts(BLOCK_COMMENT.sub("", raw or ""))
    text = GUTENBERG_EMBED.sub(lambda m: oembed(m.group("url")), text)
    text = EMBED_SHORTCODE.sub(lambda m: oembed(m.group("url")), text)
    text = VIDEO_SHORTCODE.sub(lambda m: oembed(m.group("url")), text)
    text = CAPTION.sub(_caption, text)

    def gallery(match):
        ids = IDS.search(match.group("attrs"))
        if ids:
            result.gallery_ids += [int(i) for i in re.split(r"[,\s]+", ids.group("ids")) if i]
        return ""

    text = GALLERY.sub(gallery, text)
    text = OTHER_SHORTCODE.sub("", text)
    if not re.search(r"<p[\s>]", text, re.I):
        text = autop(text)

    def url_line(match):
        url = html.unescape(match.group("url"))
        return oembed(url) if embed_src(url) else match.group(0)

    text = URL_LINE.sub(url_line, text)
    text = re.sub(r"<p>\s*(<figure class=\"media\">.*?</figure>)\s*</p>", r"\1", text, flags=re.S)

    def attr_url(match):
        url = html.unescape(match.group("url")).strip()
        new = None
        if match.group("tag").lower() == "img":
            if "/wp-content/uploads/" in url and resolve_media:
                new = resolve_media(url)
            if new is None:
                result.notes.append(url)
                return match.group("head") + '""'
        elif resolve_link:
            new = resolve_link(url)
        new = url if new is None else new
        return f'{match.group("head")}"{escape(new)}"'

    text = ATTR_URL.sub(attr_url, text)

    def credit(match):
        kept = []
        for part in CREDIT_PARTS.split(html.unescape(match.group("name")).strip()):
            photo = PHOTO_LABEL.match(part)
            if photo and photo_credit_free and not result.photo_credit:
                result.photo_credit = photo.group("name").strip()
            elif photo or OTHER_LABEL.match(part):
                kept.append(part)  # not a writer: stays as text
            elif part:
                result.credits.append(part)
        return f"<p>{escape(' / '.join(kept))}</p>" if kept else ""

    text = CREDIT.sub(credit, text)
    # Images that could not be imported leave nothing behind, not an empty paragraph.
    text = MISSING_IMAGE.sub("", text)
    text = EMPTY_LINK.sub("", text)
    text = EMPTY_BLOCK.sub("", text)
    result.html = text.strip()
    return result


MISSING_IMAGE = re.compile(r"<img\b[^>]*?\ssrc=\"\"[^>]*>", re.I)
EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>", re.I)
EMPTY_BLOCK = re.compile(
    r"<(p|figure)\b[^>]*>(?:\s|&nbsp;|<br\s*/?>|<figcaption>\s*</figcaption>)*</\1>\s*", re.I
)


def _plain(fragment):
    return re.sub(r"\s+", " ", html.unescape(strip_tags(fragment or ""))).strip()


def plain_lead(excerpt, body_html, limit=300):
    """A summary: the excerpt, else the first paragraph of the body, as plain text (for
    types that do not show it above the body, e.g. pages)."""
    text = _plain(drop_scripts(excerpt))
    if not text:
        first = re.search(r"<p[^>]*>(.*?)</p>", body_html or "", re.S | re.I)
        text = _plain(drop_scripts(first.group(1) if first else body_html))
    return Truncator(text).chars(limit)


def lead_and_body(excerpt, body_html, limit=400):
    """The lead and the body. The post's excerpt is the lead when it has one. Else the
    body's first paragraph becomes the lead and leaves the body (the article page shows
    the lead above the body: kept in both, it was read twice). A first paragraph longer
    than a lead gives only its opening sentences. The paragraph stays where it is (and
    the lead repeats it) only when taking it out would lose something: it is the whole
    body, or it holds links, pictures or other markup the plain-text lead cannot keep."""
    text = _plain(drop_scripts(excerpt))
    if text:
        return Truncator(text).chars(limit), body_html
    first = re.search(r"<p(?:\s[^>]*)?>(.*?)</p>\s*", body_html or "", re.S | re.I)
    if first is None:
        return Truncator(_plain(body_html)).chars(limit), body_html
    inner, text = first.group(1), _plain(first.group(1))
    rest = body_html[: first.start()] + body_html[first.end() :]
    movable = not re.search(r"<(?!/?(?:strong|b|em|i|br)\b)", inner) and _plain(rest)
    if not movable:
        return Truncator(text).chars(limit), body_html
    if len(text) <= limit:
        return text, rest.strip()
    opening = re.match(rf"^(.{{20,{limit}}}[.!?])\s+(?=\S)", text, re.S)
    if opening is None or "<" in inner:
        return Truncator(text).chars(limit), body_html
    remaining = text[opening.end() :]
    body = body_html[: first.start()] + f"<p>{escape(remaining)}</p>\n" + body_html[first.end() :]
    return opening.group(1), body.strip()


def old_path(url):
    """The path (with query) of an address on the old site, '' for other sites."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
