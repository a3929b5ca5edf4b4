"""Create the editorial groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMS = {
    "Penulis": [
        "articles.add_article", "articles.change_article", "articles.delete_article",
        "articles.view_article", "articles.view_category",
        "authors.view_author",
        "media_library.add_image", "media_library.change_image", "media_library.delete_image",
        "media_library.view_image",
        "media_library.add_document", "media_library.change_document",
        "media_library.delete_document", "media_library.view_document",
        "taggit.add_tag", "taggit.view_tag",
    ],
    "Redaktur": [
        "articles.add_article", "articles.change_article", "articles.delete_article",
        "articles.view_article", "articles.view_category",
        "authors.add_author", "authors.change_author", "authors.view_author",
        "media_library.add_image", "media_library.change_image", "media_library.delete_image",
        "media_library.view_image",
        "media_library.add_document", "media_library.change_document",
        "media_library.delete_document", "media_library.view_document",
        "perangkat_daerah.view_perangkatdaerah",
        "taggit.add_tag", "taggit.change_tag", "taggit.view_tag",
    ],
}
ADMIN_APPS = ["articles", "authors", "media_library", "perangkat_daerah", "kominfo", "taggit"]
ADMIN_EXTRA = ["auth.add_user", "auth.change_user", "auth.view_user", "auth.view_group"]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def lookup(codes):
        found = []
        for code in codes:
            app_label, codename = code.split(".")
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    for name, codes in PERMS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(lookup(codes))
    admin_group, _ = Group.objects.get_or_create(name="Administrator")
    admin_perms = list(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    admin_group.permissions.set(admin_perms + lookup(ADMIN_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Penulis", "Redaktur", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kominfo", "0001_initial"),
        ("articles", "0001_initial"),
        ("authors", "0001_initial"),
        ("media_library", "0001_initial"),
        ("perangkat_daerah", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
