"""Old WordPress addresses → 301 to their new place, with one indexed query (and one
by primary key for the imported object it points at).

Every old address is reduced to one key (``legacy_key``): ``/?p=12``,
``/?page_id=3``, ``/?attachment_id=9``, or the decoded, lower-cased path with a
trailing slash; ``/page/N/`` is cut off (and becomes ``?page=N`` on the target);
WordPress's image size variants (``foto-300x200.jpg``, ``foto-scaled.jpg``) become
the original upload. The middleware asks only when our own URLs had no answer
(a 404), or for ``/?p=``-style queries on the home page, so the public URL space is
untouched. Answers are kept in the page cache until content changes.
"""

import hashlib
import re
from urllib.parse import unquote, urlencode, urlsplit

from django.core.cache import cache
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse

ID_PARAMS = ("p", "page_id", "attachment_id", "cat")
# Query forms of the old front page: ids, a tag by slug, a search.
FRONT_PARAMS = (*ID_PARAMS, "tag", "s")
FEED_VARIANT = re.compile(r"/feed/(?:atom|rss2?|rdf)/$")
MONTH = re.compile(r"^/(?P<year>\d{4})/(?P<month>\d{2})/$")
PAGE_SUFFIX = re.compile(r"^(?P<base>/.*?/)page/(?P<n>\d{1,6})/$")
SIZE_VARIANT = re.compile(r"-(?:\d{1,5}x\d{1,5}|scaled|rotated)(?=\.[a-z0-9]{2,5}$)")
CACHE_PREFIX = "public:legacy"
MISSING = ""


def legacy_key(path, query=None):
    """(key, page number or None) for an old address; query is a dict-like of GET params."""
    query = query or {}
    if path.startswith("/index.php"):  # WordPress without pretty permalinks / PATHINFO
        path = path[len("/index.php") :] or "/"
    if path in ("", "/"):
        for name in ID_PARAMS:
            value = str(query.get(name, "")).strip()
            if value.isdigit():
                return f"/?{name}={int(value)}", None
        tag = str(query.get("tag", "")).strip().lower()
        if tag:
            return f"/?tag={tag}", None
        return None, None
    path = unquote(path).lower()
    if "/wp-content/uploads/" in path:
        path = path[path.index("/wp-content/uploads/") :]
        return SIZE_VARIANT.sub("", path), None
    if not path.endswith("/"):
        path += "/"
    if not path.startswith("/"):
        path = "/" + path
    path = FEED_VARIANT.sub("/feed/", path)  # /feed/atom/ is the same feed as /feed/
    if path.endswith("/amp/") and path != "/amp/":
        path = path[: -len("amp/")]  # AMP copies of posts
    page = PAGE_SUFFIX.match(path)
    if page and page.group("base") != "/":
        return page.group("base"), int(page.group("n"))
    return path, None


def key_of_url(url):
    """The key of a full old address (as written in an export)."""
    parts = urlsplit(url)
    query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    return legacy_key(parts.path or "/", query)[0]


def resolve(redirect):
    """The address a LegacyRedirect points to now, or None (target not public)."""
    if redirect.content_type_id:
        target = redirect.content_object
        if target is None:  # deleted since the import
            return None
        if target.status == target.Status.ARCHIVED or target.is_live:
            return target.get_absolute_url()  # archived: an article page answers 410
        return None
    try:
        if redirect.category_id:
            return reverse("articles:category", kwargs={"slug": redirect.category.slug})
        if redirect.tag_id:
            return reverse("articles:tag", kwargs={"slug": redirect.tag.slug})
    except NoReverseMatch:
        return None
    return redirect.target or None


def lookup(key):
    """The current target of an old key: one indexed query, cached per content generation."""
    from publishing import imports, page_cache

    from .models import LegacyRedirect

    cache_key = f"{CACHE_PREFIX}:{hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()}"
    use_cache = page_cache.page_cache_enabled()
    if use_cache:
        # Renewed by every change of content too, so that an old address follows a
        # later slug change or move of its target at once.
        generation = page_cache.current_lists_generation()
        entry = cache.get(cache_key)
        if entry is not None and entry[0] == generation:
            return entry[1] or None
    redirect = (
        LegacyRedirect.objects.select_related("category", "tag")
        .prefetch_related(imports.target_prefetch())
        .filter(old_path=key)
        .first()
    )
    target = resolve(redirect) if redirect else None
    if use_cache:
        cache.set(cache_key, (generation, target or MISSING), page_cache.page_cache_seconds())
    return target


def redirect_for(request):
    """A 301 response for an old address, or None."""
    search = request.GET.get("s", "").strip()
    if search and request.path in ("/", "/index.php"):
        return HttpResponsePermanentRedirect(
            f"{reverse('articles:search')}?{urlencode({'q': search[:200]})}"
        )
    key, page = legacy_key(request.path, request.GET)
    if not key or len(key) > 500:
        return None
    month = MONTH.match(key)
    if month and 1 <= int(month.group("month")) <= 12:
        year, number = int(month.group("year")), int(month.group("month"))
        target = reverse("articles:archive_month", kwargs={"year": year, "month": number})
        return HttpResponsePermanentRedirect(target)
    target = lookup(key)
    if target is None:
        return None
    if page and page > 1 and "?" not in target:
        target = f"{target}?page={page}"
    return HttpResponsePermanentRedirect(target)


class LegacyRedirectMiddleware:
    """Answers old WordPress addresses. Only GET/HEAD; never the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wanted = request.method in ("GET", "HEAD") and not request.path.startswith("/admin/")
        front = request.path in ("/", "/index.php")
        if wanted and front and any(p in request.GET for p in FRONT_PARAMS):
            response = redirect_for(request)
            if response is None:
                raise Http404("Old address not found")
            return response
        response = self.get_response(request)
        if wanted and response.status_code == 404:
            return redirect_for(request) or response
        return response
