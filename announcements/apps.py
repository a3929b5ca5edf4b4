from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("Announcements")
    # Found by the crawler URLs (sitemap index) through the app registry.
    sitemaps = {"pengumuman": "announcements.sitemaps.AnnouncementSitemap"}
    demo_seed = "announcements.demo.seed"

    def ready(self):
        from publishing import registry

        from .completeness import missing_for_review
        from .models import Announcement

        registry.register(Announcement, completeness=missing_for_review, search=searchable())


def searchable():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from publishing.search import Searchable

    from .models import Announcement

    return Searchable(
        key="pengumuman",
        label=_("Announcements"),
        order=30,
        live=Announcement.objects.live,
        url=lambda row: reverse("announcements:detail", kwargs={"slug": row.slug}),
        summary="summary",
        body="body",
        columns={"slug": "slug", "pd_name": "perangkat_daerah__name"},
        sqlite_fields=("title", "summary", "body"),
    )
