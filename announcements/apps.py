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

        registry.register(Announcement, completeness=missing_for_review)
