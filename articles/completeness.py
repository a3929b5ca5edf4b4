"""What an article needs before it can go to review (publishing asks this through the
registration in ArticlesConfig.ready)."""

import re

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import body_media


def missing_for_review(article):
    missing = []
    if not article.title.strip():
        missing.append(_("title"))
    if not article.lead.strip():
        missing.append(_("lead"))
    if not has_content(article.body):
        missing.append(_("body"))
    if not article.category_id:
        missing.append(_("category"))
    if not article.perangkat_daerah_id:
        missing.append(_("regional agency"))
    if not article.featured_image_id:
        missing.append(_("featured image"))
    elif not article.featured_image.has_alt_text:
        missing.append(_("alt text of the featured image"))
    missing += body_media.missing_alt_texts(article)
    return missing


def has_content(html):
    """Text, a photo or an embedded video: an editor's empty paragraph (<p>&nbsp;</p>)
    is not a body."""
    html = html or ""
    if re.search(r"<(img|oembed|iframe)\b", html, re.I):
        return True
    text = strip_tags(html).replace("&nbsp;", " ").replace("\xa0", " ")
    return bool(text.strip())
