"""Full-text search vector (trigger + GIN index, PostgreSQL only) for the one public
search over every type (publishing.search)."""

import django.contrib.postgres.search
from django.db import migrations

from publishing.search import postgresql_only, trigger_sql

FORWARD_0, BACKWARD_0 = trigger_sql(
    "galleries_album",
    [("NEW.title", "A"), ("NEW.description", "B")],
)
FORWARD_1, BACKWARD_1 = trigger_sql(
    "galleries_video",
    [("NEW.title", "A"), ("NEW.description", "B")],
)


class Migration(migrations.Migration):
    dependencies = [("galleries", "0002_group_permissions")]

    operations = [
        migrations.AddField(
            model_name="album",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(postgresql_only(FORWARD_0), postgresql_only(BACKWARD_0)),
        migrations.AddField(
            model_name="video",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(postgresql_only(FORWARD_1), postgresql_only(BACKWARD_1)),
    ]
