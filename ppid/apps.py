from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PPIDConfig(AppConfig):
    name = "ppid"
    verbose_name = _("Public information (PPID)")
    # Sitemap sections and demo content: see articles/urls_crawlers.py and seed_demo.
    sitemaps = {"ppid-index": "ppid.sitemaps.RegisterSitemap", "ppid": "ppid.sitemaps.EntrySitemap"}
    demo_seed = "ppid.demo_content.seed"

    def ready(self):
        from media_library.access import register_withheld
        from publishing import registry

        from .models import InformationEntry, withheld_documents

        registry.register(InformationEntry, completeness=missing_for_review, search=searchable())
        register_withheld(withheld_documents)


def missing_for_review(entry):
    from django.utils.translation import gettext as _

    missing = []
    if not entry.title.strip():
        missing.append(_("title"))
    if not entry.year:
        missing.append(_("year"))
    if entry.is_exempt:
        if not entry.legal_reason.strip():
            missing.append(_("legal reason"))
    elif not entry.document_id and not entry.external_url:
        missing.append(_("file or link"))
    return missing


def searchable():
    """Exempt (dikecualikan) entries are found by their title only (the vector holds no
    summary of theirs) and show no summary; results link to the entry's page, which
    never serves their file."""
    from django.db.models import Case, F, TextField, Value, When
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from publishing.search import Searchable

    from .models import InformationEntry, KIPClass

    def live():
        return InformationEntry.objects.live().annotate(
            public_summary=Case(
                When(kip_class=KIPClass.DIKECUALIKAN, then=Value("")),
                default=F("summary"),
                output_field=TextField(),
            )
        )

    return Searchable(
        key="dokumen",
        label=_("Public documents"),
        order=70,
        live=live,
        url=lambda row: reverse("ppid:detail", kwargs={"slug": row.slug}),
        summary="public_summary",
        columns={"slug": "slug", "pd_name": "perangkat_daerah__name"},
        sqlite_fields=("title",),
    )
