"""Full-text search vector (trigger + GIN index, PostgreSQL only) for the one public
search over every type (publishing.search)."""

import django.contrib.postgres.search
from django.db import migrations

from publishing.search import html_text, postgresql_only, trigger_sql

FORWARD_0, BACKWARD_0 = trigger_sql(
    "pages_page",
    [("NEW.title", "A"), ("NEW.summary", "B"), (html_text("NEW.body"), "C")],
)


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_group_permissions")]

    operations = [
        migrations.AddField(
            model_name="page",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(postgresql_only(FORWARD_0), postgresql_only(BACKWARD_0)),
    ]
