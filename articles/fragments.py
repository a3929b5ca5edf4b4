"""Rendered teasers, kept in process memory for the current content generation.

A teaser depends only on its article (and the article's category, agency and image)
and on how the list shows it. Any change the public can see starts a new content
generation (publishing/page_cache.py), so a teaser rendered in this generation can be reused
by every page until then: lists, the home page and related articles re-render only the
teasers they have not shown before. Search results carry a query-dependent snippet and
are never reused. Off with DEBUG, so that template edits show at once.
"""

import time

from django.conf import settings
from django.template.loader import get_template

MAX_ENTRIES = 5000
_store = {}
_store_generation = None


def enabled():
    return bool(settings.PUBLIC_FRAGMENT_CACHE)


def render_teaser(generation, article, **options):
    """The teaser markup; memoized when a generation is given and the article has no
    query-dependent parts."""
    personal = getattr(article, "snippet", None) or getattr(article, "title_html", None)
    if generation is None or personal:
        return _render(article, options)
    global _store_generation
    if generation != _store_generation or len(_store) >= MAX_ENTRIES:
        _store.clear()
        _store_generation = generation
    key = (article.pk, article.updated_at, *sorted(options.items()))
    html = _store.get(key)
    if html is None:
        html = _store[key] = _render(article, options)
    return html


def memo(generation, key, compute, ttl=None):
    """``compute()`` once per content generation in this process (e.g. an article's
    related articles, the home page's blocks); always computed when ``generation`` is
    None (DEBUG). With ``ttl`` (seconds) also recomputed once that old (for what
    changes without a new generation, e.g. view counts)."""
    if generation is None:
        return compute()
    global _store_generation
    if generation != _store_generation or len(_store) >= MAX_ENTRIES:
        _store.clear()
        _store_generation = generation
    entry = _store.get(key)
    now = time.monotonic()
    if entry is None or (entry[1] is not None and now >= entry[1]):
        entry = _store[key] = (compute(), None if ttl is None else now + ttl)
    return entry[0]


def _render(article, options):
    return get_template("articles/_teaser.html").render({"article": article, **options})
