"""The taken-over table gets this app's name, and the content type moves with it so
permissions and admin history recorded for the site settings are kept."""

from django.db import migrations

OLD, NEW = "kominfo", "site_settings"


def move_content_type(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=target, model="sitesettings").exists():
        return
    ContentType.objects.using(db).filter(app_label=source, model="sitesettings").update(
        app_label=target
    )


def forwards(apps, schema_editor):
    move_content_type(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    move_content_type(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("site_settings", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="sitesettings", table=None),
        migrations.RunPython(forwards, backwards),
    ]
