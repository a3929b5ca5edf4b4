from django import template

from media_library.video import preview_html
from publishing.memo import memo

register = template.Library()


@register.simple_tag
def video_preview(video_obj):
    """The click-to-load preview of a gallery video (no third-party request before the
    click)."""
    video = video_obj.video
    return preview_html(video, title=video_obj.title) if video is not None else ""


@register.filter
def album_photos(album):
    """The album's photos in order (prefetched on public pages; queried in previews)."""
    photos = getattr(album, "photo_list", None)
    if photos is None:
        photos = list(album.photos.select_related("image"))
    return photos


@register.inclusion_tag("galleries/_latest_block.html", takes_context=True)
def latest_album_block(context, limit=4):
    """The newest live album with its first photos, for the home page: one query (the
    photos with their images and album, the album chosen by a subquery), once per
    content generation."""
    generation = getattr(context.get("request"), "content_generation", None)
    limit = max(1, min(int(limit), 8))
    return memo(generation, ("latest-album-block", limit), lambda: _latest_album(limit))


def _latest_album(limit):
    from django.db.models import Subquery

    from ..models import Album, AlbumPhoto

    newest = Album.objects.live().order_by("-published_at", "-pk").values("pk")[:1]
    photos = list(
        AlbumPhoto.objects.filter(album=Subquery(newest))
        .select_related("album", "image")
        .order_by("order", "pk")[:limit]
    )
    return {"album": photos[0].album if photos else None, "photos": photos}
