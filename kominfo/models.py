from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Security-relevant events for Administrators: logins, role and PD changes, publishing."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logout")
        ROLE_CHANGED = "role_changed", _("Role changed")
        PD_CHANGED = "pd_changed", _("Regional agency membership changed")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        TWO_FACTOR = "two_factor", _("Two-factor authentication")

    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices, db_index=True)
    username = models.CharField(_("user"), max_length=150, blank=True, db_index=True)
    actor = models.CharField(_("done by"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username}"
