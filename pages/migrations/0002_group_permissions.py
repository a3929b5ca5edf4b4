"""Penulis, Redaktur and Administrator may add, change, delete and view pages
(the publishing core and PD scoping decide which ones and what they may do)."""

from django.db import migrations

from perangkat_daerah import group_permissions

APP = "pages"
CODES = ["add_page", "change_page", "delete_page", "view_page"]
PERMS = {"Penulis": CODES, "Redaktur": CODES}


def grant(apps, schema_editor=None):
    group_permissions.grant(apps, APP, PERMS)


def revoke(apps, schema_editor):
    group_permissions.revoke(apps, APP)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("kominfo", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
