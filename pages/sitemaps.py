from django.contrib.sitemaps import Sitemap

from .models import MAX_DEPTH, Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        pages = list(
            Page.objects.live()
            .select_related("perangkat_daerah")
            .only("slug", "parent", "perangkat_daerah__slug", "updated_at", "published_at")
            .order_by("perangkat_daerah_id", "order", "pk")
        )
        by_id = {p.pk: p for p in pages}
        # A page under an unpublished parent has no public address.
        return [p for p in pages if p.parent_id is None or _reachable(p, by_id)]

    def location(self, item):
        return item.get_absolute_url(by_id=self._by_id(item))

    def _by_id(self, item):
        return getattr(item, "_by_id", None)

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


def _reachable(page, by_id):
    current, depth = page, 0
    while current.parent_id is not None:
        # Not published, or deeper than a public address can be: no sitemap entry.
        if current.parent_id not in by_id or depth + 1 >= MAX_DEPTH:
            return False
        current, depth = by_id[current.parent_id], depth + 1
    page._by_id = by_id
    return True
