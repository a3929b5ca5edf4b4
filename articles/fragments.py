"""Rendered teasers, kept in process memory for the current content generation.

A teaser depends only on its article (and the article's category, agency and image)
and on how the list shows it. Any change the public can see starts a new content
generation (publishing/page_cache.py), so a teaser rendered in this generation can be reused
by every page until then: lists, the home page and related articles re-render only the
teasers they have not shown before. Search results carry a query-dependent snippet and
are never reused. Off with DEBUG, so that template edits show at once.
"""

from django.conf import settings
from django.template.loader import get_template

from publishing.memo import memo, store_for

__all__ = ["enabled", "memo", "render_teaser"]


def enabled():
    return bool(settings.PUBLIC_FRAGMENT_CACHE)


def render_teaser(generation, article, **options):
    """The teaser markup; memoized when a generation is given and the article has no
    query-dependent parts."""
    personal = getattr(article, "snippet", None) or getattr(article, "title_html", None)
    if generation is None or personal:
        return _render(article, options)
    store = store_for(generation)
    key = (article.pk, article.updated_at, *sorted(options.items()))
    html = store.get(key)
    if html is None:
        html = store[key] = _render(article, options)
    return html


def _render(article, options):
    return get_template("articles/_teaser.html").render({"article": article, **options})
