"""Full-text search vector (trigger + GIN index, PostgreSQL only) for the one public
search over every type (publishing.search)."""

import django.contrib.postgres.search
from django.db import migrations

from publishing.search import postgresql_only, trigger_sql

FORWARD_0, BACKWARD_0 = trigger_sql(
    "agenda_event",
    [("NEW.title", "A"), ("concat_ws(' ', NEW.summary, NEW.place)", "B"), ("NEW.description", "C")],
)


class Migration(migrations.Migration):
    dependencies = [("agenda", "0003_default_categories")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(postgresql_only(FORWARD_0), postgresql_only(BACKWARD_0)),
    ]
