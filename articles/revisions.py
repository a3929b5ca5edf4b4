"""Revisions: snapshots of every content field of an article, and their comparison.

A snapshot is plain JSON (ids for relations) so it survives later edits of the
related rows and can be re-applied with :func:`apply_content`.
"""

import difflib
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .models import ArticleAuthor, GalleryItem

SCALAR_FIELDS = [
    "title",
    "slug",
    "dateline",
    "lead",
    "body",
    "featured_image_id",
    "featured_image_caption",
    "category_id",
    "perangkat_daerah_id",
    "is_featured",
    "seo_title",
    "seo_description",
]


def snapshot(article):
    """All content fields of the article as stored in the database right now."""
    content = {name: getattr(article, name) for name in SCALAR_FIELDS}
    content["tags"] = sorted(article.tags.names())
    content["authors"] = [
        [item.author_id, item.order]
        for item in ArticleAuthor.objects.filter(article=article).order_by("order", "pk")
    ]
    content["gallery"] = [
        [item.image_id, item.caption, item.order]
        for item in GalleryItem.objects.filter(article=article).order_by("order", "pk")
    ]
    content["attachments"] = sorted(article.attachments.values_list("pk", flat=True))
    return content


def apply_content(article, content):
    """Write a snapshot onto the article row and its relations (caller holds the lock)."""
    for name in SCALAR_FIELDS:
        if name in content:
            setattr(article, name, content[name])
    article.save()
    article.tags.set(content.get("tags", []))
    ArticleAuthor.objects.filter(article=article).delete()
    for author_id, order in content.get("authors", []):
        ArticleAuthor.objects.create(article=article, author_id=author_id, order=order)
    GalleryItem.objects.filter(article=article).delete()
    for image_id, caption, order in content.get("gallery", []):
        GalleryItem.objects.create(article=article, image_id=image_id, caption=caption, order=order)
    article.attachments.set(content.get("attachments", []))


def preview_copy(article, content):
    """An unsaved copy of the article showing a revision's text (for previews only)."""
    copy = type(article).objects.select_related("featured_image", "category").get(pk=article.pk)
    for name in SCALAR_FIELDS:
        if name in content and name != "perangkat_daerah_id":
            setattr(copy, name, content[name])
    if copy.featured_image_id != article.featured_image_id:
        from media_library.models import Image

        copy.featured_image = Image.objects.filter(pk=copy.featured_image_id).first()
    return copy


def _text(value, field):
    if field == "body":
        value = re.sub(r"</(p|h\d|li|blockquote|tr)>|<br\s*/?>", "\n", value or "")
        value = unescape(strip_tags(value))
    return value or ""


def _tokens(text):
    return re.findall(r"\s+|[^\s]+", text)


def html_diff(old, new):
    """Word-level diff of two texts as HTML with <del>/<ins> highlighting."""
    a, b = _tokens(old), _tokens(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<del class="diff-del">{escape("".join(a[i1:i2]))}</del>')
        if j2 > j1:
            out.append(f'<ins class="diff-ins">{escape("".join(b[j1:j2]))}</ins>')
    return mark_safe("".join(out).replace("\n", "<br>"))


def compare(old_content, new_content):
    """[(field label, changed?, diff html)] for title, lead and body."""
    from django.utils.translation import gettext as _

    rows = []
    for field, label in (("title", _("title")), ("lead", _("lead")), ("body", _("body"))):
        old = _text(old_content.get(field), field)
        new = _text(new_content.get(field), field)
        rows.append((label, old != new, html_diff(old, new)))
    return rows


def changed_fields(old_content, new_content):
    """Names of the content fields that differ between two snapshots."""
    keys = sorted(set(old_content) | set(new_content))
    return [key.removesuffix("_id") for key in keys if old_content.get(key) != new_content.get(key)]
