from django.contrib.sitemaps import Sitemap

from .models import Album, Video


class _LiveSitemap(Sitemap):
    limit = 5000
    model = None

    def items(self):
        return self.model.objects.live().only("slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class AlbumSitemap(_LiveSitemap):
    model = Album


class VideoSitemap(_LiveSitemap):
    model = Video
