from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSettingsConfig(AppConfig):
    name = "site_settings"
    verbose_name = _("Site settings")

    def ready(self):
        from . import menu

        menu.connect_signals()
