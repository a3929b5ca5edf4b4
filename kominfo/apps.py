from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KominfoConfig(AppConfig):
    name = "kominfo"
    verbose_name = _("Site")

    def ready(self):
        from . import admin_patches, audit

        audit.connect()
        admin_patches.apply()
