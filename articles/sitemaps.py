"""sitemap.xml (index + sections with lastmod) and a Google News sitemap (last 2 days)."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from perangkat_daerah.models import PerangkatDaerah

from .models import Article, Category


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return Article.objects.live().aggregate(last=Max("published_at"))["last"]


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self):
        return (
            Article.objects.live()
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        live = Article.objects.live()
        return (
            Category.objects.filter(articles__in=live)
            .annotate(last=Max("articles__published_at"))
            .order_by("order", "name")
        )

    def location(self, item):
        return reverse("articles:category", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.last


class AgencySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        live = Article.objects.live()
        return (
            PerangkatDaerah.objects.active()
            .filter(articles__in=live)
            .annotate(last=Max("articles__published_at"))
            .order_by("order", "name")
        )

    def location(self, item):
        return reverse("articles:agency", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.last


class NewsSitemap(Sitemap):
    """Google News: live articles published in the last two days (at most 1,000)."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return (
            Article.objects.live()
            .filter(published_at__gte=since)
            .only("slug", "title", "published_at", "updated_at")
            .order_by("-published_at")[:1000]
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


SITEMAPS = {
    "home": HomeSitemap,
    "berita": ArticleSitemap,
    "kategori": CategorySitemap,
    "pd": AgencySitemap,
}
