"""Page cache for the public site, with invalidation that follows what a page shows.

Three kinds of token decide whether a cached page is still right:

* the **shared** token (``STATE_KEY``): renewed when something many pages show
  changes — a category, an agency, a writer, a photo or document, a tag, the site
  settings. Every page depends on it.
* the **lists** token (``LISTS_KEY``): renewed when any content item is published,
  changed, unpublished or deleted, and when a scheduled publication or an expiry time
  is reached (``STATE_KEY`` also holds the next such moment, so this needs no cron).
  Home, lists, feeds, sitemaps and search depend on it.
* an **item** token (``public:item:<type>:<slug>``): deleted when that one item
  changes. Its own page depends on it, exactly; the lists it also shows (latest,
  related, most read) may be up to ``PUBLIC_RELATED_STALE_SECONDS`` old.

So a publish re-renders the lists and the one page it touches, not the whole site.
Writes are invalidated right away and again when the transaction commits (a page
rendered from not-yet-committed data is never kept). Pages are stored with an ETag
and a Last-Modified time so that browsers and a CDN can revalidate (304). A view may
set ``response.cache_until`` (a datetime) for a page that changes by itself at a known
moment, e.g. an announcement's expiry.
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
LISTS_KEY = "public:lists"
NAV_KEY = "public:nav"
PAGE_PREFIX = "public:page"
ITEM_PREFIX = "public:item"
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


def _new_token():
    return f"{time.time_ns():x}"


def _current_state(state):
    """(shared token, next boundary, lists renewed?) from the stored state, renewing
    what is missing or outdated. Passing a scheduled publication or an expiry time
    renews the lists token."""
    now = timezone.now().timestamp()  # the same clock as live()
    if state is not None:
        token, next_ts = state
        if next_ts == NO_SCHEDULE or now < next_ts:
            return token, next_ts, False
        cache.delete(LISTS_KEY)
    else:
        token = _new_token()
    state = (token, _next_scheduled_timestamp())
    cache.set(STATE_KEY, state, None)
    return *state, True


def current_generation(state=None):
    """The shared token (computes a new one if needed). ``state`` is the value of
    STATE_KEY when the caller has already read it."""
    return _current_state(cache.get(STATE_KEY) if state is None else state)[0]


def current_lists_generation():
    """A token that changes with every visible change, publication and boundary: what
    in-process memos of lists (teasers, related articles) are keyed on."""
    found = cache.get_many([STATE_KEY, LISTS_KEY])
    shared, _next, renewed = _current_state(found.get(STATE_KEY))
    if renewed:
        found.pop(LISTS_KEY, None)
    return f"{shared}.{_current_token(LISTS_KEY, found)}"


def _current_token(key, found):
    token = found.get(key)
    if token is None:
        token = _new_token()
        cache.set(key, token, None)
    return token


def item_key(label, ident):
    return f"{ITEM_PREFIX}:{label}:{ident}"


def _forget(keys):
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def invalidate(**kwargs):
    """Something many pages show changed: every cached page is outdated."""
    from publishing import is_quiet

    if is_quiet():  # writes that are rolled back (a proposal shown in the admin)
        return
    _forget([STATE_KEY, LISTS_KEY, NAV_KEY])


def invalidate_item(label, idents):
    """One content item changed: its own pages and every list are outdated."""
    from publishing import is_quiet

    if is_quiet():
        return
    _forget([LISTS_KEY, NAV_KEY, *(item_key(label, ident) for ident in idents)])


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


def related_stale_seconds():
    return settings.PUBLIC_RELATED_STALE_SECONDS


def _entry_valid(entry, shared, lists, item_token):
    (e_shared, e_lists, e_item, rendered_at, until) = entry[:5]
    now = time.time()
    if e_shared != shared or e_item != item_token or (until and now >= until):
        return False
    # An item's own page may show slightly old lists (latest, related, most read).
    return e_lists == lists or (e_item is not None and now - rendered_at < related_stale_seconds())


def public_page(view=None, *, item=None):
    """Decorator for public GET views: serve from the page cache, count article views
    (also for cached hits), set ETag/Last-Modified/Cache-Control, answer 304.

    ``item(kwargs) -> (type label, identifier)`` names the content item a view shows
    (e.g. ``("articles.article", slug)``); its page then survives changes of other items."""
    if view is None:
        return lambda v: public_page(v, item=item)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from . import fragments, most_read

        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        use_cache = page_cache_enabled()
        item_cache_key = item_key(*item(kwargs)) if item is not None else None
        if use_cache:
            # One round trip for the tokens and the page.
            key = _page_key(request)
            wanted = [STATE_KEY, LISTS_KEY, key] + ([item_cache_key] if item_cache_key else [])
            found = cache.get_many(wanted)
            shared, _next, lists_renewed = _current_state(found.get(STATE_KEY))
            if lists_renewed:
                found.pop(LISTS_KEY, None)
            lists = _current_token(LISTS_KEY, found)
            item_token = _current_token(item_cache_key, found) if item_cache_key else None
            # Teasers and related articles (in-process memos) follow every publication.
            request.content_generation = f"{shared}.{lists}"
            entry = found.get(key)
            if entry is not None and _entry_valid(entry, shared, lists, item_token):
                content, status, content_type, etag, last_modified, article_id = entry[5:]
                if article_id:
                    most_read.count_view(article_id)
                response = HttpResponse(content, status=status, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return _finish(request, response, etag, last_modified)
        elif fragments.enabled():
            request.content_generation = current_lists_generation()
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
            until = getattr(response, "cache_until", None)
            entry = (
                shared,
                lists,
                item_token,
                time.time(),
                until.timestamp() if until else None,
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


def _identifiers(obj):
    idents = [f"pk:{obj.pk}"]
    slug = getattr(obj, "slug", None)
    if slug:
        idents.append(f"slug:{slug}")
    old_slugs = getattr(obj, "old_slugs", None)
    # Old addresses exist only for items that were public once.
    if old_slugs is not None and obj.pk and getattr(obj, "first_published_at", None):
        idents += [f"slug:{old}" for old in old_slugs.values_list("slug", flat=True)]
    return idents


def _item_changed(obj):
    if obj is not None and obj.pk is not None:
        invalidate_item(obj._meta.label_lower, _identifiers(obj))


def _parent_of(row, config):
    fk = config.parent_fk(type(row))
    return config.model._default_manager.filter(pk=getattr(row, fk.attname)).first()


def connect_signals():
    """Called from ArticlesConfig.ready(). What the public sees comes from the publishing
    registry (also for types whose apps come later in INSTALLED_APPS): a registered
    item, its child rows, tags and attachments change that item (its page and the
    lists); anything they point to (category, agency, writer, media, tag names) and the
    site settings change every page."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from taggit.models import TaggedItem

    from publishing.registry import on_register
    from site_settings.models import SiteSettings

    from .models import SlugHistory

    def tagged(sender, instance, **kw):
        from publishing.registry import _registry

        model = instance.content_type.model_class() if instance.content_type_id else None
        if model in _registry:
            _item_changed(model._default_manager.filter(pk=instance.object_id).first())

    _connect(TaggedItem, tagged, "tagged", post_save, post_delete)
    # Every model of site_settings (settings, menu) is on every page.
    site_models = apps.get_app_config(SiteSettings._meta.app_label).get_models()
    for model in (SlugHistory, *site_models):
        _connect(model, invalidate, "shared", post_save, post_delete)
    on_register(_wire)


def _connect(model, handler, name, *signals):
    uid = f"public-cache-{name}-{model._meta.label_lower}"
    for signal in signals:
        signal.connect(
            handler, sender=model, dispatch_uid=f"{uid}-{signal_name(signal)}", weak=False
        )


def signal_name(signal):
    from django.db.models.signals import post_delete

    return "delete" if signal is post_delete else "save"


def _m2m(sender, instance, action, reverse, model, pk_set, **kw):
    from publishing.registry import _registry

    if not action.startswith("post_"):
        return
    if not reverse:
        _item_changed(instance)
    elif model in _registry:
        for obj in model._default_manager.filter(pk__in=pk_set or []):
            _item_changed(obj)
    else:
        invalidate()


def _wire(config):
    """Watch one registered type: the item, its child rows, its many-to-many tables,
    and (as shared) everything they point to."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from taggit.models import TaggedItem

    from publishing.registry import _registry, public_models

    both = (post_save, post_delete)
    _connect(config.model, lambda sender, instance, **kw: _item_changed(instance), "item", *both)
    for child in config.children.values():
        _connect(
            child,
            lambda sender, instance, _c=config, **kw: _item_changed(_parent_of(instance, _c)),
            "child",
            *both,
        )
    watched, throughs = public_models([config])
    for through in throughs:
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"public-cache-m2m-{through}")
    items = {config.model, *config.children.values(), TaggedItem}
    for model in watched:
        if model not in items and model not in throughs and model not in _registry:
            _connect(model, invalidate, "shared", *both)
