"""The WordPress map and old addresses point at any registered content type (content
type + object id) instead of only at articles, so imported WordPress pages can be
found and redirected too. Reversing keeps the rows that point at articles."""

import django.db.models.deletion
from django.db import migrations, models


def _article_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="articles", model="article")[0]


def to_generic(apps, schema_editor):
    article = _article_type(apps)
    for name in ("WordPressItem", "LegacyRedirect"):
        model = apps.get_model("articles", name)
        model.objects.filter(article__isnull=False).update(
            content_type=article, object_id=models.F("article_id")
        )


def to_article(apps, schema_editor):
    article = _article_type(apps)
    Article = apps.get_model("articles", "Article")
    for name in ("WordPressItem", "LegacyRedirect"):
        model = apps.get_model("articles", name)
        rows = model.objects.filter(content_type=article).filter(
            object_id__in=Article.objects.values("pk")
        )
        rows.update(article_id=models.F("object_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_public_listing"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="wordpressitem",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="wordpressitem",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="legacyredirect",
            name="content_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="legacyredirect",
            name="object_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(to_generic, to_article),
        migrations.RemoveField(model_name="wordpressitem", name="article"),
        migrations.RemoveField(model_name="legacyredirect", name="article"),
    ]
