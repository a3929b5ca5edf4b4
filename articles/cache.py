"""Page cache for the public site, with exact invalidation.

Every cached page is stored together with the *content generation* it was rendered
in: an opaque token kept in the cache (``STATE_KEY``) together with the earliest
future ``published_at`` of a published article (the next scheduled publication).
A page from another generation is a miss.

* Any save/delete of something the public can see (articles, categories, PDs,
  writers, images, documents, tags, site settings) deletes the state, right away
  and again when the transaction commits, so the next request starts a new
  generation and re-renders from the database.
* A request that finds ``now >= next scheduled publication`` starts a new
  generation too, so a scheduled article appears at its minute without any cron
  job and no cached home page outlives a publish time.

This module knows nothing about the editorial workflow: it listens to model
signals only. Pages are stored with an ETag and a Last-Modified time so that
browsers and a CDN can revalidate (304).
"""

import hashlib
import time
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

STATE_KEY = "public:state"
NAV_KEY = "public:nav"
PAGE_PREFIX = "public:page"
NO_SCHEDULE = 0.0


def page_cache_enabled():
    return bool(settings.PUBLIC_PAGE_CACHE)


def _code_version():
    """Changes with every deploy of templates or code, so pages cached by the previous
    release (Redis outlives the processes) are never served by the new one."""
    digest = hashlib.md5(usedforsecurity=False)
    roots = [Path(settings.BASE_DIR) / "templates", Path(__file__).resolve().parent]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".html", ".py", ".xml") and path.is_file():
                digest.update(f"{path}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:10]


CODE_VERSION = None


def page_cache_seconds():
    return settings.PUBLIC_PAGE_CACHE_SECONDS


def http_max_age():
    """How long browsers/CDNs may reuse a page without asking again. 0 (the default)
    means "revalidate every time": the answer is then a cheap 304 from the page cache,
    and an edit or unpublish is seen at once. A site behind a CDN may raise it; it is
    always capped so that no copy outlives the next scheduled publication."""
    configured = settings.PUBLIC_HTTP_MAX_AGE
    if not configured:
        return 0
    state = cache.get(STATE_KEY)
    if state is not None and state[1] != NO_SCHEDULE:
        until_next = int(state[1] - timezone.now().timestamp())
        configured = max(0, min(configured, until_next))
    return configured


def _next_scheduled_timestamp():
    """The next scheduled publication or expiry of any registered content type."""
    from publishing.registry import next_visibility_change

    next_time = next_visibility_change()
    return next_time.timestamp() if next_time else NO_SCHEDULE


def _valid_token(state):
    """The token of a stored state, or None when it is missing or a scheduled
    publication time has been reached."""
    if state is None:
        return None
    token, next_ts = state
    now = timezone.now().timestamp()  # the same clock as Article.objects.live()
    return token if next_ts == NO_SCHEDULE or now < next_ts else None


def current_generation(state=None):
    """The token of the current content generation (computes a new one if needed).
    ``state`` is the value of STATE_KEY when the caller has already read it."""
    token = _valid_token(cache.get(STATE_KEY) if state is None else state)
    if token is not None:
        return token
    token = f"{time.time_ns():x}"
    cache.set(STATE_KEY, (token, _next_scheduled_timestamp()), None)
    return token


def invalidate(**kwargs):
    """Start a new content generation now and once more after the commit (so a
    page rendered from not-yet-committed data is never kept)."""
    from publishing import is_quiet

    if is_quiet():  # writes that are rolled back (a proposal shown in the admin)
        return
    cache.delete_many([STATE_KEY, NAV_KEY])
    transaction.on_commit(lambda: cache.delete_many([STATE_KEY, NAV_KEY]))


def _page_key(request):
    global CODE_VERSION
    if CODE_VERSION is None:
        CODE_VERSION = _code_version()
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
    return f"{PAGE_PREFIX}:{CODE_VERSION}:{digest}"


def _finish(request, response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    max_age = http_max_age()
    patch_cache_control(response, public=True, max_age=max_age, must_revalidate=max_age == 0)
    conditional = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    return conditional


def public_page(view):
    """Decorator for public GET views: serve from the page cache, count article views
    (also for cached hits), set ETag/Last-Modified/Cache-Control, answer 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from . import fragments, most_read

        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        use_cache = page_cache_enabled()
        if use_cache:
            # One round trip for the generation state and the page; a page stored
            # under an older generation is a miss and gets overwritten.
            key = _page_key(request)
            found = cache.get_many([STATE_KEY, key])
            generation = current_generation(found.get(STATE_KEY))
            request.content_generation = generation
            entry = found.get(key)
            if entry is not None and entry[0] == generation:
                _, content, status, content_type, etag, last_modified, article_id = entry
                if article_id:
                    most_read.count_view(article_id)
                response = HttpResponse(content, status=status, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return _finish(request, response, etag, last_modified)
        elif fragments.enabled():
            request.content_generation = current_generation()
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or getattr(response, "streaming", False):
            return response
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        article_id = getattr(response, "article_id", None)
        if article_id:
            most_read.count_view(article_id)
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        last_modified = int(datetime.now(UTC).timestamp())
        if use_cache:
            response["X-Page-Cache"] = "miss"
            entry = (
                generation,
                response.content,
                response.status_code,
                response["Content-Type"],
                etag,
                last_modified,
                article_id,
            )
            cache.set(key, entry, page_cache_seconds())
        return _finish(request, response, etag, last_modified)

    return wrapper


def connect_signals():
    """Called from ArticlesConfig.ready(): anything visible changing starts a new
    generation. What is visible comes from the publishing registry (every registered
    type, its child rows and what it points to), plus this app's old addresses and
    the site settings."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from publishing.registry import public_models
    from site_settings.models import SiteSettings

    from .models import SlugHistory

    watched, throughs = public_models()
    # Every model of site_settings (settings, menu) is on every page.
    site_models = apps.get_app_config(SiteSettings._meta.app_label).get_models()
    for model in [*watched, SlugHistory, *site_models]:
        uid = f"public-cache-{model._meta.label_lower}"
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
    for through in throughs:
        m2m_changed.connect(invalidate, sender=through, dispatch_uid=f"public-cache-m2m-{through}")
