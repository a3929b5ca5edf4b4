"""User admin: Administrators manage the office's accounts but never superuser powers.

An Administrator without superuser status
- never sees superuser accounts: their change, password, history and delete pages
  answer 404 and they are not listed;
- cannot set `is_superuser` or edit `user_permissions` (the fields are not in the
  form, and `save_model` keeps `is_superuser` off whatever is posted);
- can give only the role groups (Penulis, Redaktur, Administrator); groups a superuser
  gave that are outside those are kept as they are.
"""

from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.http import Http404
from django.utils.translation import gettext as _

from perangkat_daerah.roles import ADMINISTRATOR, PENULIS, REDAKTUR

ROLE_GROUPS = (PENULIS, REDAKTUR, ADMINISTRATOR)
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


class OfficeUserAdmin(UserAdmin):
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_object(self, request, object_id, from_field=None):
        # Accounts outside the queryset (superusers, for an Administrator) answer 404
        # on every object page, not the admin's redirect to the index.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("This user does not exist or is not yours to manage."))
        return obj

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": _without_superuser_fields(options["fields"])})
            for name, options in fieldsets
        ]

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [name for name in filters if name not in SUPERUSER_ONLY_FIELDS]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_GROUPS).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            # Only superusers are excluded from the queryset, so an account saved
            # here was never a superuser and must not become one.
            obj.is_superuser = False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        kept = []
        if change and not request.user.is_superuser:
            kept = list(form.instance.groups.exclude(name__in=ROLE_GROUPS))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)
        # A role is how someone gets into the newsroom: an account with a role can log
        # in to the admin (without it the login page refuses them with no reason).
        user = form.instance
        if not user.is_staff and user.groups.filter(name__in=ROLE_GROUPS).exists():
            user.is_staff = True
            user.save(update_fields=["is_staff"])


def _without_superuser_fields(fields):
    return tuple(name for name in fields if name not in SUPERUSER_ONLY_FIELDS)
