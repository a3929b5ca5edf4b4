"""Rendered teasers, kept in process memory for the current content generation.

A teaser depends only on its article (and the article's category, agency and image)
and on how the list shows it. Any change the public can see starts a new content
generation (publishing/page_cache.py), so a teaser rendered in this generation can be reused
by every page until then: lists, the home page and related articles re-render only the
teasers they have not shown before. Search results carry a query-dependent title and
snippet: their teaser is reused with those two put in. Off with DEBUG, so that template edits show at once.
"""

from django.conf import settings
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from publishing.memo import memo, store_for

__all__ = ["enabled", "memo", "render_teaser"]


def enabled():
    return bool(settings.PUBLIC_FRAGMENT_CACHE)


# Stand in for a search result's highlighted title and snippet in a memoized teaser;
# the real ones are put in their place (escaped as the template would). PostgreSQL text
# cannot hold a NUL, so no title or snippet contains these.
PERSONAL = {"title_html": "\x00title\x00", "snippet": "\x00snippet\x00"}


def render_teaser(generation, article, **options):
    """The teaser markup, memoized when a generation is given. A search result's
    highlighted title and snippet (query-dependent) are put into a memoized teaser
    rendered with stand-ins in their place."""
    if generation is None:
        return _render(article, options)
    personal = {name: getattr(article, name, None) for name in PERSONAL}
    store = store_for(generation)
    shape = tuple(bool(value) for value in personal.values())
    key = (article.pk, article.updated_at, shape, *sorted(options.items()))
    html = store.get(key)
    if html is None:
        html = store[key] = _render_with_stand_ins(article, options, personal)
    for name, value in personal.items():
        if value:
            html = html.replace(PERSONAL[name], conditional_escape(value))
    return mark_safe(html)


def _render_with_stand_ins(article, options, personal):
    for name, value in personal.items():
        if value:
            setattr(article, name, mark_safe(PERSONAL[name]))
    try:
        return _render(article, options)
    finally:
        for name, value in personal.items():
            if value:
                setattr(article, name, value)


def _render(article, options):
    return get_template("articles/_teaser.html").render({"article": article, **options})
