from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import InformationEntry


class EntrySitemap(Sitemap):
    limit = 5000

    def items(self):
        return InformationEntry.objects.live().only("slug", "updated_at").order_by("-year", "pk")

    def lastmod(self, item):
        return item.updated_at


class RegisterSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["ppid:register"]

    def location(self, item):
        return reverse(item)
