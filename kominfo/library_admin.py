"""The admin pages that django-otp and django-axes register, with one fix.

Django's history view looks the object up before it checks permission, so a user
without any permission on the model got a 403 for an existing id and a redirect
for a missing one: enough to learn which lockout records exist. Here the
permission comes first, so such a user gets 403 for every id."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice


class PermissionBeforeLookup:
    def get_object(self, request, object_id, from_field=None):
        if not (self.has_view_or_change_permission(request) or self.has_delete_permission(request)):
            raise PermissionDenied
        return super().get_object(request, object_id, from_field)


class TOTPDeviceAdmin(PermissionBeforeLookup, totp_admin.TOTPDeviceAdmin):
    pass


class AccessAttemptAdmin(PermissionBeforeLookup, axes_admin.AccessAttemptAdmin):
    pass


class AccessLogAdmin(PermissionBeforeLookup, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(PermissionBeforeLookup, axes_admin.AccessFailureLogAdmin):
    pass


def register(site=admin.site):
    for model, model_admin in (
        (TOTPDevice, TOTPDeviceAdmin),
        (AccessAttempt, AccessAttemptAdmin),
        (AccessLog, AccessLogAdmin),
        (AccessFailureLog, AccessFailureLogAdmin),
    ):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
