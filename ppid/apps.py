from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PPIDConfig(AppConfig):
    name = "ppid"
    verbose_name = _("Public information (PPID)")

    def ready(self):
        from media_library.access import register_withheld
        from publishing import registry

        from .models import InformationEntry, withheld_documents

        registry.register(InformationEntry, completeness=missing_for_review)
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
