"""Give the editorial groups their permissions on this app's models (Penulis writes
for their own PD, Redaktur edits and reviews, Administrator everything)."""

from django.db import migrations

from perangkat_daerah import group_permissions

APP = "galleries"
PERMS = {
    "Penulis": ["add_album", "change_album", "delete_album", "view_album", "add_albumphoto", "change_albumphoto", "delete_albumphoto", "view_albumphoto", "add_video", "change_video", "delete_video", "view_video"],
    "Redaktur": ["add_album", "change_album", "delete_album", "view_album", "add_albumphoto", "change_albumphoto", "delete_albumphoto", "view_albumphoto", "add_video", "change_video", "delete_video", "view_video"],
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
