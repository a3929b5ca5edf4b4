from django import template

from media_library.video import preview_html

register = template.Library()


@register.simple_tag
def video_preview(video_obj):
    """The click-to-load preview of a gallery video (no third-party request before the
    click)."""
    video = video_obj.video
    return preview_html(video) if video is not None else ""


@register.filter
def album_photos(album):
    """The album's photos in order (prefetched on public pages; queried in previews)."""
    photos = getattr(album, "photo_list", None)
    if photos is None:
        photos = list(album.photos.select_related("image"))
    return photos
