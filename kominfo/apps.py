from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KominfoConfig(AppConfig):
    name = "kominfo"
    verbose_name = _("Site")

    def ready(self):
        from media_library.usage import register_usage

        from . import admin_patches, audit, media_usage

        audit.connect()
        register_usage(media_usage.content_using_media)
        admin_patches.apply()
