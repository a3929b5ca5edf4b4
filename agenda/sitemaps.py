from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class EventSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Event.objects.live().only("slug", "updated_at").order_by("-starts_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class AgendaIndexSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["agenda:upcoming"]

    def location(self, item):
        return reverse(item)
