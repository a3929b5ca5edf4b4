"""Page cache for the public pages of every registered type, with invalidation that
follows what a page shows. It knows no content type: content apps decorate their
public views with ``public_page`` and the publishing registry tells it what to watch.

Four kinds of token decide whether a cached page is still right:

* the **shared** token: renewed when something many pages show changes — a category,
  an agency, a writer, a photo or document, a tag, the site settings and menu (every
  model of the apps in ``PUBLIC_PAGE_CACHE_SHARED_APPS``). Every page depends on it.
* the **boundary** token: renewed when a scheduled publication or an expiry time of
  any registered type is reached (the state also holds the next such moment, so this
  needs no cron). Every page depends on it: nothing outlives its expiry minute.
* the **lists** token: renewed when any content item is published, changed,
  unpublished or deleted, and at every boundary. Home, lists, feeds, sitemaps and
  search depend on it.
* an **item** token (``public:item:<type>:<ident>``): deleted when that one item
  changes. Its own page depends on it, exactly; what that page shows of *other* items
  (latest, related, child pages) may be up to ``PUBLIC_RELATED_STALE_SECONDS`` old.
* the **withdrawals** record: which items were unpublished or deleted, and when, over
  the last few stale windows (fragments name the items they show).

**Fragments.** A page may take what it shows of other items (an article's
previous/next and related news) out of its cached body: the template wraps that part
in ``{% page_fragment "name" %}``, the view names it in ``fragments=`` and sets
``response.fragment_params``, and a renderer registered with ``register_fragment``
renders it alone. The page body then depends on the shared, boundary and item tokens
only, so it survives other items' publications; the fragment is cached apart and
spliced in at serve time (a string replacement). A fragment may lag new publications
and edits of *other* items by at most ``PUBLIC_RELATED_STALE_SECONDS``, but never an
unpublish, a deletion or an expiry (the withdrawals record and the boundary token are
exact): an unpublished article is never shown as related from the cache, and only the
fragments that showed it are re-rendered.

**In the worker.** Each process keeps the last answer it assembled for a page (body with
its fragments spliced in, ETag, and the entry's and fragments' tokens without their HTML;
``PUBLIC_PAGE_CACHE_LOCAL_BYTES`` in all, never longer than the cache keeps the page). A
hit then reads only the tokens from the cache and makes the same checks against the kept
copy as against the cache's; if any fails, it reads the page and fragments as before.

So a publish re-renders the lists and the one page it touches, not the whole site.
Writes are invalidated right away and again when the transaction commits (a page
rendered from not-yet-committed data is never kept). Pages are stored with an ETag
and a Last-Modified time so that browsers and a CDN can revalidate (304). A view may
set ``response.cache_until`` (a datetime) for a page that changes by itself at a known
moment (a template tag: ``changes_at(request, moment)``), and ``response.counted_id`` for a page whose views are counted (the
decorator's ``count`` is then called for cached hits too).
"""

import hashlib
import re
import threading
import time
from collections import OrderedDict
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, urlencode

STATE_KEY = "public:state"
NEXT_KEY = "public:next"
LISTS_KEY = "public:lists"
NAV_KEY = "public:nav"
PAGE_PREFIX = "public:page"
ITEM_PREFIX = "public:item"
STATE_KEYS = [STATE_KEY, NEXT_KEY]
WITHDRAWN_KEY = "public:withdrawn"
FRAGMENT_PREFIX = "public:fragment"
FRAGMENT_OPEN = "<!--pf:{}-->"
FRAGMENT_CLOSE = "<!--/pf:{}-->"
_renderers = {}
NO_SCHEDULE = 0.0


def page_cache_enabled():
    return bool(settings.PUBLIC_PAGE_CACHE)


def fragment_cache_enabled():
    return bool(settings.PUBLIC_FRAGMENT_CACHE)


def _code_version():
    """Changes with every deploy of templates or code, so pages cached by the previous
    release (Redis outlives the processes) are never served by the new one."""
    digest = hashlib.md5(usedforsecurity=False)
    base = Path(settings.BASE_DIR)
    roots = [base / "templates"] + [
        path.parent
        for path in sorted(base.glob("*/__init__.py"))
        if path.parent.name not in ("tests", "bench", "bin")
    ]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".html", ".py", ".xml") and path.is_file():
                digest.update(f"{path}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:10]


CODE_VERSION = None


def code_version():
    global CODE_VERSION
    if CODE_VERSION is None:
        CODE_VERSION = _code_version()
    return CODE_VERSION


def page_cache_seconds():
    return settings.PUBLIC_PAGE_CACHE_SECONDS


def related_stale_seconds():
    return settings.PUBLIC_RELATED_STALE_SECONDS


def _now():
    return timezone.now().timestamp()  # the same clock as live()


def http_max_age():
    """How long browsers/CDNs may reuse a page without asking again. 0 (the default)
    means "revalidate every time": the answer is then a cheap 304 from the page cache,
    and an edit or unpublish is seen at once. A site behind a CDN may raise it; it is
    always capped so that no copy outlives the next scheduled publication."""
    configured = settings.PUBLIC_HTTP_MAX_AGE
    if not configured:
        return 0
    known = cache.get(NEXT_KEY)
    if known is not None and known != NO_SCHEDULE:
        until_next = int(known - _now())
        configured = max(0, min(configured, until_next))
    return configured


def _next_scheduled_timestamp():
    """The next scheduled publication or expiry of any registered content type."""
    from .registry import next_visibility_change

    next_time = next_visibility_change()
    return next_time.timestamp() if next_time else NO_SCHEDULE


def _new_token():
    return f"{time.time_ns():x}"


class State:
    """The shared and boundary tokens (STATE_KEY) and the next boundary (NEXT_KEY). A
    content change whose publication or expiry time lies ahead moves NEXT_KEY earlier
    (``_schedule_changed``). ``renewed`` is True when the lists token was dropped."""

    __slots__ = ("shared", "next_ts", "boundary", "renewed")

    def __init__(self, found):
        now = _now()
        stored, known = found.get(STATE_KEY), found.get(NEXT_KEY)
        self.renewed = False
        if stored is not None:
            self.shared, self.boundary = stored
            if known is not None and (known == NO_SCHEDULE or now < known):
                self.next_ts = known
                return
            # Passed (or lost: a boundary may have passed unseen).
            cache.delete(LISTS_KEY)
            self.boundary = _new_token()
        else:
            self.shared = self.boundary = _new_token()
        self.renewed = True
        self.next_ts = _next_scheduled_timestamp()
        cache.set_many({STATE_KEY: (self.shared, self.boundary), NEXT_KEY: self.next_ts}, None)


def _schedule_changed(obj):
    """An item saved with a publication or expiry time still ahead: that moment becomes
    the next boundary if it is earlier than the known one (again after the commit, in
    case a request read the database in between)."""
    now = timezone.now()
    moments = [getattr(obj, name, None) for name in ("published_at", "expires_at")]
    moments = [m.timestamp() for m in moments if m is not None and m > now]
    if not moments:
        return

    def move():
        known = cache.get(NEXT_KEY)
        if known is not None and (known == NO_SCHEDULE or min(moments) < known):
            cache.set(NEXT_KEY, min(moments), None)

    move()
    transaction.on_commit(move)


def current_generation(found=None):
    """The shared token (computes a new one if needed). ``found`` is what the caller
    already read with ``cache.get_many(STATE_KEYS + ...)``."""
    return State(cache.get_many(STATE_KEYS) if found is None else found).shared


def current_lists_generation():
    """A token that changes with every visible change, publication and boundary: what
    in-process memos of lists (teasers, related articles) are keyed on."""
    found = cache.get_many([*STATE_KEYS, LISTS_KEY])
    state = State(found)
    if state.renewed:
        found.pop(LISTS_KEY, None)
    return f"{state.shared}.{_current_token(LISTS_KEY, found)}"


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
    from . import is_quiet

    if is_quiet():  # writes that are rolled back (a proposal shown in the admin)
        return
    _forget([STATE_KEY, LISTS_KEY, NAV_KEY])


def invalidate_item(label, idents):
    """One content item changed: its own pages and every list are outdated."""
    from . import is_quiet

    if is_quiet():
        return
    _forget([LISTS_KEY, NAV_KEY, *(item_key(label, ident) for ident in idents)])


def forget_item_pages(label, idents):
    """Only the item's own pages are outdated (e.g. a counter they show), no list."""
    _forget([item_key(label, ident) for ident in idents])


def withdrawn(obj):
    """A live item left the public site (unpublish, delete): no fragment showing it may
    be served any more. Recorded again when the transaction commits (a fragment
    rendered in between, from data that still showed it, is then outdated too)."""
    from . import is_quiet

    if is_quiet() or obj is None or obj.pk is None:
        return
    names = [shown_name(obj._meta.label_lower, f"pk:{obj.pk}")]
    if getattr(obj, "slug", None):
        names.append(shown_name(obj._meta.label_lower, f"slug:{obj.slug}"))

    def record():
        now = _now()
        keep = now - 2 * related_stale_seconds() - 60  # older records decide nothing
        entries = [e for e in cache.get(WITHDRAWN_KEY) or () if e[0] >= keep]
        cache.set(WITHDRAWN_KEY, entries + [(now, name) for name in names], None)

    record()
    transaction.on_commit(record)


def shown_name(label, ident):
    """How a fragment names an item it shows (``fragment_shows``): type label and
    identifier, e.g. ``articles.article:slug:banjir``."""
    return f"{label}:{ident}"


def changes_at(request, moment):
    """What ``request``'s page shows changes by itself at ``moment`` (an aware datetime,
    e.g. a shown event ends): a cached copy is not served from then on. For parts of a
    page that are not the view's own (template tags); a view may set
    ``response.cache_until`` instead."""
    if request is not None and moment is not None:
        known = getattr(request, "page_changes_at", None)
        request.page_changes_at = moment if known is None else min(known, moment)


def register_fragment(name, renderer):
    """``renderer(request, params) -> (html, shows)`` renders the fragment ``name`` alone,
    from the ``params`` its page's view gave (``response.fragment_params[name]``), with
    the ``shown_name`` of every item it shows; or returns None when it cannot (the whole
    page is then rendered). The view gives the same names in
    ``response.fragment_shows[name]``."""
    _renderers[name] = renderer


def _fragment_key(host, name, item_cache_key):
    return f"{FRAGMENT_PREFIX}:{code_version()}:{host}:{name}:{item_cache_key}"


def _cut_fragments(content, names):
    """(body with a placeholder per fragment, {name: fragment html}, full page html)."""
    parts = {}
    full = body = content
    for name in names:
        opening, closing = FRAGMENT_OPEN.format(name).encode(), FRAGMENT_CLOSE.format(name).encode()
        start = body.find(opening)
        end = body.find(closing, start)
        if start < 0 or end < 0:
            continue
        parts[name] = body[start + len(opening) : end]
        body = body[: start + len(opening)] + body[end + len(closing) :]
        full = full.replace(opening, b"", 1).replace(closing, b"", 1)
    return body, parts, full


def _splice(body, parts):
    for name, html in parts.items():
        body = body.replace(FRAGMENT_OPEN.format(name).encode(), html, 1)
    return body


def _digest(data):
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


# Parameters that campaign tools and social networks add to shared links: they change
# nothing on the page, and a unique one per click (fbclid) made every click a miss.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid)$"
)


def normalise_query(request, allowed=None):
    """Drop tracking parameters (and, when ``allowed`` names the parameters the view
    reads, every other one) and sort the rest, once per request: the page is rendered
    from, and cached under, the same query (pagination links never carry one visitor's
    click id to everybody, and ``?x=<random>`` cannot make every request a miss)."""
    if getattr(request, "query_normalised", False):
        return
    request.query_normalised = True
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return
    params = QueryDict(raw, mutable=True)  # > 1,000 fields: SuspiciousOperation → 400
    kept = [
        (k, v)
        for k in sorted(params)
        if not TRACKING_PARAMS.match(k) and (allowed is None or k in allowed)
        for v in params.getlist(k)
        if k != "page" or v.isdigit()  # every view shows page 1 for ?page=<not a number>
    ]
    normalised = urlencode(kept)
    if normalised != raw:
        request.META["QUERY_STRING"] = normalised
        request.GET = QueryDict(normalised)


def _page_key(request, host, spec):
    normalise_query(request, spec.query)
    raw = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
    return f"{PAGE_PREFIX}:{code_version()}:{digest}"


# The request headers that can turn an answer into a 304 (or 412).
CONDITIONAL = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_NONE_MATCH")
CONDITIONAL += ("HTTP_IF_MODIFIED_SINCE",)


def _finish(request, response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = _http_date(last_modified)
    max_age = http_max_age()
    if "Cache-Control" in response:
        patch_cache_control(response, public=True, max_age=max_age, must_revalidate=max_age == 0)
    else:  # always so on a hit (not kept with the page): the same value, made once
        response["Cache-Control"] = _cache_control(max_age)
    if not any(name in request.META for name in CONDITIONAL):
        return response
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


@lru_cache(maxsize=1024)
def _http_date(timestamp):
    return http_date(timestamp)


@lru_cache(maxsize=64)
def _cache_control(max_age):
    response = HttpResponse()
    patch_cache_control(response, public=True, max_age=max_age, must_revalidate=max_age == 0)
    return response["Cache-Control"]


def _entry_valid(entry, state, lists, item_token):
    now = _now()
    if entry["shared"] != state.shared or entry["boundary"] != state.boundary:
        return False
    if entry["item"] != item_token or (entry["until"] and now >= entry["until"]):
        return False
    if entry["fragments"]:  # what it shows of other items comes from fragments
        return True
    # An item's own page may show slightly old lists (latest, related, child pages).
    return entry["lists"] == lists or (
        entry["item"] is not None and now - entry["rendered_at"] < related_stale_seconds()
    )


def _fragment_valid(part, lookup):
    if part is None or part["shared"] != lookup.state.shared:
        return False
    if part["boundary"] != lookup.state.boundary or part["item"] != lookup.item_token:
        return False
    if part["lists"] == lookup.lists:
        return True
    if _now() - part["rendered_at"] >= related_stale_seconds():
        return False
    shows, since = part["shows"], part["rendered_at"]
    return not any(when >= since and name in shows for when, name in lookup.withdrawals)


class Spec:
    """What ``public_page`` knows about a view (also read by PageCacheMiddleware)."""

    __slots__ = ("item", "count", "fragments", "query")

    def __init__(self, item, count, fragments, query):
        self.item, self.count, self.fragments = item, count, tuple(fragments)
        self.query = None if query is None else frozenset(query)


class Lookup:
    """The tokens read for one request, and the cached response if there was one."""

    __slots__ = ("key", "state", "lists", "item_token", "withdrawals", "fragment_keys")


def _lookup(request, spec, kwargs):
    """(cached response or None, Lookup). One cache round trip: for the tokens only when
    this process kept the page's last answer (``_kept``), else for the tokens, the page
    and its fragments."""
    item_cache_key = item_key(*spec.item(kwargs)) if spec.item is not None else None
    lookup = Lookup()
    host = request.get_host()  # validated against ALLOWED_HOSTS
    lookup.key = key = _page_key(request, host, spec)
    lookup.fragment_keys = {n: _fragment_key(host, n, item_cache_key) for n in spec.fragments}
    tokens = [*STATE_KEYS, LISTS_KEY] + ([item_cache_key] if item_cache_key else [])
    if spec.fragments:
        tokens.append(WITHDRAWN_KEY)
    stored = [key, *lookup.fragment_keys.values()]
    kept = _kept_answer(key)
    if kept is None:
        found = cache.get_many(tokens + stored)
    elif hasattr(cache, "get_many_prepared"):  # Redis: the same few keys on every hit
        found = cache.get_many_prepared(tuple(tokens))
    else:
        found = cache.get_many(tokens)
    state = State(found)
    if state.renewed:
        found.pop(LISTS_KEY, None)
    lookup.state, lookup.lists = state, _current_token(LISTS_KEY, found)
    lookup.item_token = _current_token(item_cache_key, found) if item_cache_key else None
    lookup.withdrawals = found.get(WITHDRAWN_KEY) or () if spec.fragments else ()
    # Teasers and related articles (in-process memos) follow every publication.
    request.content_generation = f"{state.shared}.{lookup.lists}"
    request.page_fragments = spec.fragments
    renewed = False
    if kept is None or not kept.valid(lookup):
        if kept is not None:  # outdated here: the cache may hold a newer answer
            _drop_kept(key)
            found.update(cache.get_many(stored))
        entry = found.get(key)
        if entry is None or not _entry_valid(entry, state, lookup.lists, lookup.item_token):
            return None, lookup
        kept, renewed = _assemble(request, entry, found, lookup)
        if kept is None:
            return None, lookup
        _keep(key, kept)
    response = _answer(request, kept, renewed)
    if kept.entry["counted_id"] and spec.count is not None:
        spec.count(kept.entry["counted_id"])
    return response, lookup


# Response headers that are not kept with a cached page: set anew for every answer.
NOT_KEPT = {"date", "etag", "last-modified", "cache-control", "content-length", "set-cookie"}
NOT_KEPT |= {"x-page-cache", "x-page-fragments"}


def _kept_headers(response):
    return [(k, v) for k, v in response.items() if k.lower() not in NOT_KEPT]


ITEM_PAGE = "item page"  # default of ``query``: an item's page reads no parameter


def public_page(view=None, *, item=None, count=None, fragments=(), query=ITEM_PAGE):
    """Decorator for public GET views: serve from the page cache, set ETag,
    Last-Modified and Cache-Control, answer 304. Hits are normally answered earlier,
    by PageCacheMiddleware, from the same entries.

    ``item(kwargs) -> (type label, identifier)`` names the content item a view shows
    (e.g. ``("articles.article", "slug:<slug>")``); its page then survives changes of
    other items. ``count(counted_id)`` is called for every view of a page whose
    response set ``counted_id`` (also for cached hits). ``fragments`` names the parts
    cached apart (see the module's docstring); they need ``item``. ``query`` names the
    query parameters the view reads (e.g. ``("page",)``); others are dropped before the
    cache key and the view. Default: none for an item's page, all for other pages."""
    if view is None:
        return lambda v: public_page(v, item=item, count=count, fragments=fragments, query=query)
    assert item is not None or not fragments, "fragments belong to an item's page"
    if query is ITEM_PAGE:
        query = () if item is not None else None
    spec = Spec(item, count, fragments, query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        use_cache = page_cache_enabled()
        normalise_query(request, spec.query)
        request.page_fragments = fragments
        if use_cache:
            found = getattr(request, "page_cache_lookup", None)  # the middleware's miss
            if found is None:
                response, found = _lookup(request, spec, kwargs)
                if response is not None:
                    return response
        elif fragment_cache_enabled():
            request.content_generation = current_lists_generation()
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or getattr(response, "streaming", False):
            return response
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        counted_id = getattr(response, "counted_id", None)
        if counted_id and count is not None:
            count(counted_id)
        body, parts, full = _cut_fragments(response.content, fragments)
        params = getattr(response, "fragment_params", {})
        parts = {name: html for name, html in parts.items() if name in params}
        response.content = full
        etag = _etag(body, {name: _digest(html) for name, html in parts.items()})
        last_modified = int(time.time())
        if use_cache:
            shows = getattr(response, "fragment_shows", {})
            entry = _store_fragments(found, parts, last_modified, shows)
            until = getattr(response, "cache_until", None)
            changes = getattr(request, "page_changes_at", None)
            if changes is not None and (until is None or changes < until):
                until = changes
            entry.update(
                until=until.timestamp() if until else None,
                content=body if parts else full,
                fragments={name: params[name] for name in parts},
                page_digest=_digest(body),
                status=response.status_code,
                content_type=response["Content-Type"],
                etag=etag,
                last_modified=last_modified,
                counted_id=counted_id,
            )
            response["X-Page-Cache"] = "miss"
            if getattr(request, "page_cache_lookup", None) is not None:
                # PageCacheMiddleware stores it with the headers of the inner middleware.
                response.page_cache_entry = (found.key, entry)
            else:
                entry["headers"] = _kept_headers(response)
                cache.set(found.key, entry, page_cache_seconds())
        return _finish(request, response, etag, last_modified)

    wrapper.public_page_spec = spec
    return wrapper


def _store_fragments(found, parts, last_modified, shows):
    """Cache the fragments cut from a fresh page; returns the tokens for its entry."""
    rendered = {"shared": found.state.shared, "boundary": found.state.boundary}
    rendered.update(lists=found.lists, item=found.item_token, rendered_at=_now())
    if parts:
        fragment = {**rendered, "modified": last_modified}
        cache.set_many(
            {
                found.fragment_keys[name]: {
                    **fragment,
                    "html": html,
                    "digest": _digest(html),
                    "shows": frozenset(shows.get(name, ())),
                }
                for name, html in parts.items()
            },
            page_cache_seconds(),
        )
    return rendered


class PageCacheMiddleware:
    """Answers page-cache hits before the session, locale, CSRF and authentication
    middleware run (they add nothing a public page needs: their headers were kept with
    the page when it was stored). Put it after the security headers (so every answer
    gets them) and the request guard, before SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and page_cache_enabled():
            spec, kwargs = _spec_for(request)
            if spec is not None:
                response, found = _lookup(request, spec, kwargs)
                if response is not None:
                    return response
                request.page_cache_lookup = found
        response = self.get_response(request)
        pending = getattr(response, "page_cache_entry", None)
        if pending is not None:
            key, entry = pending
            entry["headers"] = _kept_headers(response)
            cache.set(key, entry, page_cache_seconds())
        return response


_resolved = {}
MAX_RESOLVED = 5000


def _spec_for(request):
    """The ``public_page`` spec and URL kwargs of the view a path goes to, remembered
    per path (bounded: the memo is emptied when full, paths come from anyone)."""
    from django.urls import Resolver404, get_resolver

    urlconf = getattr(request, "urlconf", None)
    memo_key = (urlconf, request.path_info)
    found = _resolved.get(memo_key)
    if found is None:
        try:
            match = get_resolver(urlconf).resolve(request.path_info)
            found = (getattr(match.func, "public_page_spec", None), match.kwargs)
        except Resolver404:
            found = (None, None)
        if len(_resolved) >= MAX_RESOLVED:
            _resolved.clear()
        _resolved[memo_key] = found
    return found


def _etag(body, digests, page_digest=None):
    if not digests:
        return f'"{page_digest or _digest(body)}"'
    joined = ".".join([page_digest or _digest(body), *(digests[n] for n in sorted(digests))])
    return f'"{_digest(joined.encode())}"'


class Answer:
    """A cached page with its fragments spliced in, and what it was checked against:
    its entry and fragments without their HTML (``valid`` repeats, for new tokens, the
    checks that made them servable)."""

    __slots__ = ("entry", "parts", "content", "etag", "last_modified", "deadline", "size")

    def valid(self, lookup):
        if time.monotonic() >= self.deadline:
            return False
        entry = self.entry
        if not _entry_valid(entry, lookup.state, lookup.lists, lookup.item_token):
            return False
        return all(_fragment_valid(part, lookup) for part in self.parts.values())


def _assemble(request, entry, found, lookup):
    """(Answer, whether a fragment was rendered) for a valid entry: its fragments spliced
    in (a stale fragment is rendered alone and cached), or (None, False) when a fragment
    cannot be rendered alone."""
    content, parts, digests, renewed = entry["content"], {}, {}, False
    last_modified, rendered_at = entry["last_modified"], entry["rendered_at"]
    checked = {}
    for name, params in entry["fragments"].items():
        key = lookup.fragment_keys.get(name)
        part = found.get(key)
        if not _fragment_valid(part, lookup):
            rendered = _renderers[name](request, params) if name in _renderers else None
            if rendered is None:
                return None, False
            html, shows = rendered[0].encode(), frozenset(rendered[1])
            part = {"shared": lookup.state.shared, "boundary": lookup.state.boundary}
            part.update(lists=lookup.lists, item=lookup.item_token, rendered_at=_now())
            part.update(shows=shows, modified=int(time.time()))
            part.update(html=html, digest=_digest(html))
            cache.set(key, part, page_cache_seconds())
            renewed = True
        parts[name], digests[name] = part["html"], part["digest"]
        checked[name] = {k: v for k, v in part.items() if k != "html"}
        # Last-Modified: the newest of the body and its fragments.
        last_modified = max(last_modified, part["modified"])
        rendered_at = min(rendered_at, part["rendered_at"])
    answer = Answer()
    answer.entry = {k: v for k, v in entry.items() if k != "content"}
    answer.parts, answer.last_modified = checked, last_modified
    answer.content = _splice(content, parts) if parts else content
    answer.etag = _etag(None, digests, entry["page_digest"]) if parts else entry["etag"]
    # Never kept beyond the cache's own copies (stored with this lifetime when rendered).
    age = max(0.0, _now() - rendered_at)
    answer.deadline = time.monotonic() + page_cache_seconds() - age
    answer.size = len(answer.content) + 2048
    return answer, renewed


def _answer(request, answer, renewed):
    entry = answer.entry
    response = HttpResponse(
        answer.content, status=entry["status"], content_type=entry["content_type"]
    )
    for header, value in entry.get("headers", ()):
        response[header] = value
    response["Content-Length"] = str(len(answer.content))
    response["X-Page-Cache"] = "hit"
    if answer.parts:
        response["X-Page-Fragments"] = "rendered" if renewed else "cached"
    return _finish(request, response, answer.etag, answer.last_modified)


# The last answer per page key in this process, least recently served dropped first
# (PUBLIC_PAGE_CACHE_LOCAL_BYTES in all). The lock: gunicorn may run threads.
_kept = OrderedDict()
_kept_bytes = [0]
_kept_lock = threading.Lock()


def _kept_answer(key):
    with _kept_lock:
        answer = _kept.get(key)
        if answer is not None:
            _kept.move_to_end(key)
        return answer


def _drop_kept(key):
    with _kept_lock:
        old = _kept.pop(key, None)
        if old is not None:
            _kept_bytes[0] -= old.size


def _keep(key, answer):
    budget = settings.PUBLIC_PAGE_CACHE_LOCAL_BYTES
    _drop_kept(key)
    if answer.size > budget:
        return
    with _kept_lock:
        while _kept and _kept_bytes[0] + answer.size > budget:
            _kept_bytes[0] -= _kept.popitem(last=False)[1].size
        _kept[key] = answer
        _kept_bytes[0] += answer.size


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


def item_changed(obj):
    """``obj`` (a registered item) changed: its page and every list are outdated."""
    from . import is_quiet

    if obj is not None and obj.pk is not None and not is_quiet():
        invalidate_item(obj._meta.label_lower, _identifiers(obj))
        _schedule_changed(obj)


def _parent_of(row, config):
    fk = config.parent_fk(type(row))
    return config.model._default_manager.filter(pk=getattr(row, fk.attname)).first()


def connect_signals():
    """Called from PublishingConfig.ready(). What the public sees comes from the
    publishing registry (also for types whose apps come later in INSTALLED_APPS): a
    registered item, its child rows, tags and attachments change that item (its page
    and the lists); anything they point to (category, agency, writer, media, tag
    names) and every model of ``PUBLIC_PAGE_CACHE_SHARED_APPS`` (site settings, menu)
    change every page."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from taggit.models import TaggedItem

    from .registry import on_register

    def tagged(sender, instance, **kw):
        from .registry import _registry

        model = instance.content_type.model_class() if instance.content_type_id else None
        if model in _registry:
            item_changed(model._default_manager.filter(pk=instance.object_id).first())

    _connect(TaggedItem, tagged, "tagged", post_save, post_delete)
    from .signals import transition_done

    def left(sender, instance, action, **kw):
        if action == "unpublish":
            withdrawn(instance)

    transition_done.connect(left, dispatch_uid="public-cache-withdrawn", weak=False)
    for label in settings.PUBLIC_PAGE_CACHE_SHARED_APPS:
        watch_shared(*apps.get_app_config(label).get_models())
    on_register(_wire)


def watch_shared(*models):
    """Changes of these models renew every cached page (e.g. an old-address table)."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        _connect(model, invalidate, "shared", post_save, post_delete)


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
    from .registry import _registry

    if not action.startswith("post_"):
        return
    if not reverse:
        item_changed(instance)
    elif model in _registry:
        for obj in model._default_manager.filter(pk__in=pk_set or []):
            item_changed(obj)
    else:
        invalidate()


def _wire(config):
    """Watch one registered type: the item, its child rows, its many-to-many tables,
    and (as shared) everything they point to."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from taggit.models import TaggedItem

    from .registry import _registry, public_models

    both = (post_save, post_delete)
    _connect(config.model, lambda sender, instance, **kw: item_changed(instance), "item", *both)
    _connect(
        config.model, lambda sender, instance, **kw: withdrawn(instance), "withdrawn", post_delete
    )
    for child in config.children.values():
        _connect(
            child,
            lambda sender, instance, _c=config, **kw: item_changed(_parent_of(instance, _c)),
            "child",
            *both,
        )
    watched, throughs = public_models([config])
    for through in throughs:
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"public-cache-m2m-{through}")
    items = {config.model, *config.children.values(), TaggedItem}
    for model in watched:
        if model not in items and model not in throughs and model not in _registry:
            watch_shared(model)
