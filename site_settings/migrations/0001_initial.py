"""SiteSettings moves here from the kominfo package: the table kominfo created
(kominfo_sitesettings) and its row are taken over as they are, in state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("kominfo", "0003_security_audit"),
        ("media_library", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "site_name",
                            models.CharField(
                                default="Diskominfo", max_length=120, verbose_name="site name"
                            ),
                        ),
                        (
                            "require_two_factor",
                            models.BooleanField(
                                default=False,
                                help_text="Redaktur and Administrator accounts must use an "
                                "authenticator app code.",
                                verbose_name="require two-factor login for editors",
                            ),
                        ),
                        (
                            "tagline",
                            models.CharField(blank=True, max_length=200, verbose_name="tagline"),
                        ),
                        (
                            "office_name",
                            models.CharField(
                                blank=True,
                                help_text="Publisher shown to search engines, e.g. the full "
                                "name of the Dinas.",
                                max_length=200,
                                verbose_name="office name",
                            ),
                        ),
                        (
                            "footer_text",
                            models.TextField(
                                blank=True,
                                help_text="A short text about the regency, shown under every "
                                "article.",
                                verbose_name="footer text",
                            ),
                        ),
                        (
                            "address",
                            models.CharField(blank=True, max_length=300, verbose_name="address"),
                        ),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=50, verbose_name="phone"),
                        ),
                        (
                            "email",
                            models.EmailField(blank=True, max_length=254, verbose_name="email"),
                        ),
                        ("facebook_url", models.URLField(blank=True, verbose_name="Facebook")),
                        ("instagram_url", models.URLField(blank=True, verbose_name="Instagram")),
                        ("x_url", models.URLField(blank=True, verbose_name="X (Twitter)")),
                        ("youtube_url", models.URLField(blank=True, verbose_name="YouTube")),
                        (
                            "logo",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="media_library.image",
                                verbose_name="logo",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "site settings",
                        "verbose_name_plural": "site settings",
                        "db_table": "kominfo_sitesettings",
                    },
                ),
            ],
        ),
    ]
