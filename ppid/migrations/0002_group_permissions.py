"""Give the editorial groups their permissions on this app's models (Penulis writes
for their own PD, Redaktur edits and reviews, Administrator everything)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APP = "ppid"
PERMS = {
    "Penulis": ["add_informationentry", "change_informationentry", "delete_informationentry", "view_informationentry", "view_documenttype"],
    "Redaktur": ["add_informationentry", "change_informationentry", "delete_informationentry", "view_informationentry", "view_documenttype"],
}


def grant(apps, schema_editor=None):
    app_config = apps.get_app_config(APP)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in PERMS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=APP, codename__in=codes)
        )
    admin_group, _ = Group.objects.get_or_create(name="Administrator")
    admin_group.permissions.add(*Permission.objects.filter(content_type__app_label=APP))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=["Penulis", "Redaktur", "Administrator"]
    ):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=APP))


class Migration(migrations.Migration):
    dependencies = [
        (APP, "0001_initial"),
        ("kominfo", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
