"""Give the editorial groups their permissions on a content app's models, from that app's
data migration (the PD scoping and the publishing core decide what they may do with them).

    PERMS = {"Penulis": [...codenames], "Redaktur": [...]}   # Administrator gets all
    def grant(apps, schema_editor=None): group_permissions.grant(apps, "agenda", PERMS)
"""

from django.contrib.auth.management import create_permissions

ROLE_GROUPS = ("Penulis", "Redaktur", "Administrator")


def grant(apps, app_label, perms_by_group):
    """Create the app's permissions now (they are normally made after migrating) and give
    each group its codenames; the Administrator group gets every permission of the app."""
    config = apps.get_app_config(app_label)
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    of_app = Permission.objects.filter(content_type__app_label=app_label)
    for name, codes in perms_by_group.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*of_app.filter(codename__in=codes))
    admin_group, _ = Group.objects.get_or_create(name="Administrator")
    admin_group.permissions.add(*of_app)


def revoke(apps, app_label):
    Permission = apps.get_model("auth", "Permission")
    of_app = Permission.objects.filter(content_type__app_label=app_label)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS):
        group.permissions.remove(*of_app)
