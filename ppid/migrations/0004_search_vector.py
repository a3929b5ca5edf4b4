"""Full-text search vector (trigger + GIN index, PostgreSQL only) for the one public
search over every type (publishing.search)."""

import django.contrib.postgres.search
from django.db import migrations

from publishing.search import postgresql_only, trigger_sql

FORWARD_0, BACKWARD_0 = trigger_sql(
    "ppid_informationentry",
    [("NEW.title", "A"), ("CASE WHEN NEW.kip_class = 'dikecualikan' THEN '' ELSE NEW.summary END", "B")],
)


class Migration(migrations.Migration):
    dependencies = [("ppid", "0003_document_types")]

    operations = [
        migrations.AddField(
            model_name="informationentry",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(postgresql_only(FORWARD_0), postgresql_only(BACKWARD_0)),
    ]
