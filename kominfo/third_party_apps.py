"""Third-party apps under Indonesian names: the Administrator's admin index showed
"AXES", "TASKS DATABASE BACKEND", "Task Results" and "Otp_Totp / TOTP devices".

Model names are set on ``_meta`` at start-up: the migration autodetector reads a
model's Meta as written (``_meta.original_attrs``), so no migration is needed inside
the library."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig
from django_tasks_db.apps import TasksAppConfig


def rename_model(app_config, model_name, singular, plural):
    meta = app_config.get_model(model_name)._meta
    meta.verbose_name, meta.verbose_name_plural = singular, plural


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login attempts")


class TotpConfig(TotpAppConfig):
    verbose_name = _("Two-factor login")

    def ready(self):
        super().ready()
        rename_model(self, "totpdevice", _("authenticator app"), _("authenticator apps"))


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background tasks")

    def ready(self):
        super().ready()
        rename_model(self, "dbtaskresult", _("task result"), _("task results"))
