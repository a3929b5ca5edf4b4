from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    name = "galleries"
    verbose_name = _("Gallery")

    def ready(self):
        from publishing import registry

        from .models import Album, AlbumPhoto, Video

        registry.register(Album, children={"photos": AlbumPhoto}, completeness=album_missing)
        registry.register(Video, completeness=video_missing)


def album_missing(album):
    from django.utils.translation import gettext as _

    missing = []
    if not album.title.strip():
        missing.append(_("title"))
    photos = list(album.photos.select_related("image"))
    if not photos:
        missing.append(_("photos"))
    elif any(not p.image.has_alt_text for p in photos):
        missing.append(_("alt text of every photo"))
    return missing


def video_missing(video):
    from django.utils.translation import gettext as _

    return [] if video.title.strip() and video.youtube_url else [_("title and YouTube link")]
