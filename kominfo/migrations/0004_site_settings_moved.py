"""SiteSettings now belongs to the site_settings app, which took over its table
(site_settings/migrations/0001_initial.py): remove it from this app's state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kominfo", "0003_security_audit"),
        ("site_settings", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="SiteSettings")],
        ),
    ]
