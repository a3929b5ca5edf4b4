from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    name = "galleries"
    verbose_name = _("Gallery")
    # Sitemap sections and demo content: see articles/urls_crawlers.py and seed_demo.
    sitemaps = {
        "galeri-foto": "galleries.sitemaps.AlbumSitemap",
        "galeri-video": "galleries.sitemaps.VideoSitemap",
    }
    demo_seed = "galleries.demo_content.seed"

    def ready(self):
        from publishing import registry

        from .models import Album, AlbumPhoto, Video

        registry.register(
            Album,
            children={"photos": AlbumPhoto},
            completeness=album_missing,
            search=searchable(Album, "galeri", _("Photo albums"), "galleries:album", 50),
        )
        registry.register(
            Video,
            completeness=video_missing,
            search=searchable(Video, "video", _("Videos"), "galleries:video", 60),
        )


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


def searchable(model, key, label, url_name, order):
    from django.urls import reverse

    from publishing.search import Searchable

    return Searchable(
        key=key,
        label=label,
        order=order,
        live=model.objects.live,
        url=lambda row: reverse(url_name, kwargs={"slug": row.slug}),
        summary="description",
        columns={"slug": "slug", "pd_name": "perangkat_daerah__name"},
        sqlite_fields=("title", "description"),
    )
