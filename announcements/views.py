"""Public announcements. Everything listed starts from Announcement.objects.live();
an ended announcement keeps its address (people share these links) with a notice
and noindex. Two queries per page whatever the number of items or attachments."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from publishing.page_cache import public_page

from .models import Announcement

PER_PAGE = 12
MAX_QUERY = 200


def search(queryset, query):
    """Plain containment search over the live announcements (title, summary, body)."""
    query = (query or "").strip()[:MAX_QUERY]
    if not query:
        return queryset
    return queryset.filter(
        Q(title__icontains=query) | Q(summary__icontains=query) | Q(body__icontains=query)
    )


@require_safe
@public_page(query=("q", "page"))
def announcement_list(request):
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY]
    items = search(Announcement.objects.live(), query).select_related("perangkat_daerah")
    items = items.defer("body").order_by("-published_at", "-pk")
    raw = request.GET.get("page", "1")
    number = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    paginator = Paginator(items, PER_PAGE, allow_empty_first_page=True)
    if number > paginator.num_pages:
        raise Http404(_("Page not found"))
    page = paginator.page(number)
    context = {"page_obj": page, "items": page.object_list, "query": query}
    return render(request, "announcements/list.html", context)


@require_safe
@public_page(item=lambda kwargs: ("announcements.announcement", f"slug:{kwargs['slug']}"))
def announcement_detail(request, slug):
    item = (
        Announcement.objects.started()
        .filter(slug=slug)
        .select_related("perangkat_daerah")
        .prefetch_related("attachments")
        .first()
    )
    if item is None:
        if Announcement.objects.filter(slug=slug, status=Announcement.Status.ARCHIVED).exists():
            return render(request, "410.html", status=410)  # unpublished, as for articles
        raise Http404(_("Announcement not found"))
    ended = item.is_expired
    response = render(
        request,
        "announcements/detail.html",
        {"object": item, "ended": ended, "noindex": ended},
    )
    if ended:
        response["X-Robots-Tag"] = "noindex"
    return response
