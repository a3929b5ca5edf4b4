from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")
    # Sitemap sections and demo content: see articles/urls_crawlers.py and seed_demo.
    sitemaps = {
        "agenda-index": "agenda.sitemaps.AgendaIndexSitemap",
        "agenda": "agenda.sitemaps.EventSitemap",
    }
    demo_seed = "agenda.demo_content.seed"

    def ready(self):
        from publishing import registry

        from .models import Event

        registry.register(Event, completeness=missing_for_review, search=searchable())


def missing_for_review(event):
    from django.utils.translation import gettext as _

    missing = []
    if not event.title.strip():
        missing.append(_("title"))
    if not event.starts_at:
        missing.append(_("start"))
    if not event.place.strip():
        missing.append(_("place"))
    if not event.perangkat_daerah_id:
        missing.append(_("regional agency"))
    return missing


def searchable():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from publishing.search import Searchable

    from .models import Event

    return Searchable(
        key="agenda",
        label=_("Agenda"),
        order=40,
        live=Event.objects.live,
        url=lambda row: reverse("agenda:detail", kwargs={"slug": row.slug}),
        summary="summary",
        body="description",
        date="starts_at",
        # x2 is all_day as text ("true"/"True"): an all-day event shows its date only
        columns={
            "slug": "slug",
            "pd_name": "perangkat_daerah__name",
            "x1": "place",
            "x2": "all_day",
        },
        sqlite_fields=("title", "summary", "description", "place"),
    )
