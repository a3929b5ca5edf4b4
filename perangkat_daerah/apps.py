from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerangkatDaerahConfig(AppConfig):
    name = "perangkat_daerah"
    verbose_name = _("Regional agencies")
