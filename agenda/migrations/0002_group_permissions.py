"""Give the editorial groups their permissions on this app's models (Penulis writes
for their own PD, Redaktur edits and reviews, Administrator everything)."""

from django.db import migrations

from perangkat_daerah import group_permissions

APP = "agenda"
PERMS = {
    "Penulis": ["add_event", "change_event", "delete_event", "view_event", "view_eventcategory"],
    "Redaktur": ["add_event", "change_event", "delete_event", "view_event", "view_eventcategory"],
}


def grant(apps, schema_editor=None):
    group_permissions.grant(apps, APP, PERMS)


def revoke(apps, schema_editor):
    group_permissions.revoke(apps, APP)


class Migration(migrations.Migration):
    dependencies = [
        (APP, "0001_initial"),
        ("kominfo", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
