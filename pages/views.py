"""Public pages: /halaman/<path>/ for the site, /pd/<slug>/<path>/ for an agency.
Three queries whatever the depth or the number of sub-pages: the agency, the pages
on the path plus the agency's top-level pages, and the sub-pages."""

import re

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from perangkat_daerah.models import PerangkatDaerah
from publishing.page_cache import public_page

from .models import MAX_DEPTH, Page

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def _slugs(path):
    slugs = path.strip("/").split("/")
    if len(slugs) > MAX_DEPTH or not all(SLUG.match(s) for s in slugs):
        raise Http404(_("Page not found"))
    return slugs


def _walk(pages, slugs):
    """The chain of live pages matching the path, root first, or None."""
    chain, parent_id = [], None
    for slug in slugs:
        found = next((p for p in pages if p.slug == slug and p.parent_id == parent_id), None)
        if found is None:
            return None
        chain.append(found)
        parent_id = found.pk
    return chain


def _show(request, slugs, agency):
    live = Page.objects.live().filter(perangkat_daerah=agency)
    pages = list(live.filter(Q(slug__in=slugs) | Q(parent__isnull=True)).order_by("order", "title"))
    chain = _walk(pages, slugs)
    if chain is None:
        return _gone_or_missing(request, slugs, agency)
    page = chain[-1]
    by_id = {p.pk: p for p in pages}
    pd_slug = agency.slug if agency else None
    children = list(live.filter(parent=page).order_by("order", "title"))
    by_id.update({c.pk: c for c in children})
    for item in [*pages, *children]:
        item.url = item.url_for(item.path_slugs(by_id), pd_slug)
    context = {
        "object": page,
        "page": page,
        "agency": agency,
        "breadcrumbs": chain[:-1],
        "children": children,
        "siblings": [p for p in pages if p.parent_id is None] if agency else [],
    }
    return render(request, "pages/page_detail.html", context)


def _gone_or_missing(request, slugs, agency):
    """410 when the address was a page that has been unpublished (it, or a page above
    it, is withdrawn), as for every other type; else 404. One query, misses only."""
    on_path = Page.objects.filter(perangkat_daerah=agency, slug__in=slugs)
    chain = _walk(list(on_path.only("pk", "slug", "parent_id", "status")), slugs)
    if chain and any(p.status == Page.Status.ARCHIVED for p in chain):
        return render(request, "410.html", status=410)
    raise Http404(_("Page not found"))


@require_safe
@public_page(query=())
def page(request, path):
    return _show(request, _slugs(path), None)


@require_safe
@public_page(query=())
def pd_page(request, pd, path):
    slugs = _slugs(path)
    agency = get_object_or_404(PerangkatDaerah.objects.active(), slug=pd)
    return _show(request, slugs, agency)
