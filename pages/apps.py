from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    # Found by the crawler URLs (sitemap index) through the app registry.
    sitemaps = {"halaman": "pages.sitemaps.PageSitemap"}
    demo_seed = "pages.demo.seed"

    def ready(self):
        from publishing import registry
        from site_settings import menu

        from .completeness import missing_for_review
        from .models import Page

        registry.register(Page, completeness=missing_for_review)
        menu.register_target(
            Page,
            live=lambda: Page.objects.live().select_related("perangkat_daerah"),
            url=page_url,
            next_change=lambda: next_change(Page),
        )


def page_url(page):
    return page.get_absolute_url()


def next_change(model):
    """The next scheduled publication or expiry of a published item of ``model``."""
    from publishing.registry import next_visibility_change

    return next_visibility_change([model])
