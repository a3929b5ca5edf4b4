from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    # Found by the crawler URLs (sitemap index) through the app registry.
    sitemaps = {"halaman": "pages.sitemaps.PageSitemap"}
    demo_seed = "pages.demo.seed"

    def ready(self):
        from publishing import imports, registry
        from site_settings import menu

        from .completeness import missing_for_review
        from .importing import HANDLER
        from .models import Page, content_problems

        registry.register(
            Page, completeness=missing_for_review, search=searchable(), check=content_problems
        )
        menu.register_target(
            Page,
            live=lambda: Page.objects.live().select_related("perangkat_daerah"),
            url=page_url,
            next_change=lambda: next_change(Page),
            # the address reads the agency and two parents (pages are 3 levels deep)
            every=lambda: Page.objects.select_related("perangkat_daerah", "parent__parent"),
        )
        imports.register(HANDLER)


def searchable():
    from django.db.models import Q
    from django.utils.translation import gettext_lazy as _

    from publishing.search import Searchable

    from .models import Page

    def live():
        # a page under an unpublished parent has no public address (at most 3 levels)
        parents = Page.objects.live()
        reachable = (
            Q(parent__isnull=True)
            | Q(parent__in=parents, parent__parent__isnull=True)
            | Q(parent__in=parents, parent__parent__in=parents)
        )
        return Page.objects.live().filter(reachable)

    def url(row):
        slugs = [s for s in (row.x2, row.x1, row.slug) if s]
        return Page.url_for(None, slugs, row.x3)

    return Searchable(
        key="halaman",
        label=_("Pages"),
        order=20,
        live=live,
        url=url,
        summary="summary",
        body="body",
        columns={
            "slug": "slug",
            "pd_name": "perangkat_daerah__name",
            "x1": "parent__slug",
            "x2": "parent__parent__slug",
            "x3": "perangkat_daerah__slug",
        },
        sqlite_fields=("title", "summary", "body"),
    )


def page_url(page):
    return page.get_absolute_url()


def next_change(model):
    """The next scheduled publication or expiry of a published item of ``model``."""
    from publishing.registry import next_visibility_change

    return next_visibility_change([model])
