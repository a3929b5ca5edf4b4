"""Public gallery pages: the index (albums and videos), an album with a lightbox that
works without JavaScript (CSS :target), and a video page with a click-to-load player."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from publishing.page_cache import public_page
from publishing.public import live_or_gone

from .models import Album, AlbumPhoto, Video

PER_PAGE = 12


def _photos():
    return Prefetch(
        "photos", queryset=AlbumPhoto.objects.select_related("image"), to_attr="photo_list"
    )


@require_safe
@public_page(query=("page",))
def index(request):
    albums = Album.objects.live().select_related("perangkat_daerah").prefetch_related(_photos())
    paginator = Paginator(albums.order_by("-published_at", "-pk"), PER_PAGE)
    raw = request.GET.get("page", "1")
    number = max(int(raw), 1) if raw.isdigit() and len(raw) < 7 else 1
    if number > paginator.num_pages:
        raise Http404
    page = paginator.page(number)
    videos = list(Video.objects.live().order_by("-published_at", "-pk")[:6]) if number == 1 else []
    return render(
        request,
        "galleries/index.html",
        {"page_obj": page, "albums": page.object_list, "videos": videos},
    )


@require_safe
@public_page(item=lambda kwargs: ("galleries.album", f"slug:{kwargs['slug']}"))
def album(request, slug):
    obj = live_or_gone(
        request,
        Album.objects.live().select_related("perangkat_daerah").prefetch_related(_photos()),
        slug=slug,
    )
    if isinstance(obj, HttpResponse):
        return obj
    return render(request, "galleries/album.html", {"object": obj})


@require_safe
@public_page(item=lambda kwargs: ("galleries.video", f"slug:{kwargs['slug']}"))
def video(request, slug):
    obj = live_or_gone(request, Video.objects.live().select_related("perangkat_daerah"), slug=slug)
    if isinstance(obj, HttpResponse):
        return obj
    return render(request, "galleries/video.html", {"object": obj})
