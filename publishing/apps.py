from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import page_cache, statements

        page_cache.connect_signals()
        # Compiled statements hold row ids that a migration or a flush may renumber
        # (content types, e.g. between transactional tests).
        post_migrate.connect(statements.forget, dispatch_uid="publishing.statements.forget")
