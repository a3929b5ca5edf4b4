from django.contrib.sitemaps import Sitemap

from .models import Announcement


class AnnouncementSitemap(Sitemap):
    """Live announcements only: an ended one leaves the sitemap at its expiry minute."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Announcement.objects.live()
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)
