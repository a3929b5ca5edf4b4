"""Penulis, Redaktur and Administrator may add, change, delete and view announcements
(the publishing core and PD scoping decide which ones and what they may do)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APP = "announcements"
CODES = ["add_announcement", "change_announcement", "delete_announcement", "view_announcement"]
GROUPS = ["Penulis", "Redaktur", "Administrator"]


def grant(apps, schema_editor):
    config = apps.get_app_config(APP)
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = list(Permission.objects.filter(content_type__app_label=APP, codename__in=CODES))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label=APP, codename__in=CODES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("announcements", "0001_initial"),
        ("kominfo", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
