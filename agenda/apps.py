from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from publishing import registry

        from .models import Event

        registry.register(Event, completeness=missing_for_review)


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
