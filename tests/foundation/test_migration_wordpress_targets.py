"""articles 0012 moves the WordPress map and old addresses from an article foreign key
to a generic pointer (content type + object id) keeping every row's target, and
reverses cleanly (rows pointing at articles get their article back). Runs on a scratch
PostgreSQL database through manage.py, as a deploy would."""

import json

from tests.scratchdb import manage, query, run, scratch_database

SEED_OLD_ROWS = """
import django, json
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
apps = MigrationExecutor(connection).loader.project_state(("articles", "0011_public_listing")).apps
PD = apps.get_model("perangkat_daerah", "PerangkatDaerah")
A = lambda n: apps.get_model("articles", n)
pd = PD.objects.create(name="Diskominfo", short_name="Diskominfo", slug="diskominfo")
art = A("Article").objects.create(title="Bimtek", slug="bimtek", perangkat_daerah=pd)
A("WordPressItem").objects.create(site="lama.example", kind="post", wp_id=60, article=art)
A("WordPressItem").objects.create(site="lama.example", kind="attachment", wp_id=41)
A("LegacyRedirect").objects.create(old_path="/?p=60", site="lama.example", article=art)
A("LegacyRedirect").objects.create(old_path="/feed/", site="lama.example", target="/rss/")
print(json.dumps({"article": art.pk}))
"""

POINTERS = (
    "SELECT m.wp_id, t.app_label, t.model, m.object_id FROM articles_wordpressitem m"
    " LEFT JOIN django_content_type t ON t.id = m.content_type_id ORDER BY m.wp_id"
)
REDIRECTS = (
    "SELECT r.old_path, t.model, r.object_id, r.target FROM articles_legacyredirect r"
    " LEFT JOIN django_content_type t ON t.id = r.content_type_id ORDER BY r.old_path"
)


def test_wordpress_targets_migration_keeps_every_target_and_reverses():
    with scratch_database("migration_wp_targets") as env:
        manage(env, "migrate", "--noinput")
        manage(env, "migrate", "articles", "0011", "--noinput")
        pk = json.loads(run(env, "-c", SEED_OLD_ROWS).strip().splitlines()[-1])["article"]
        manage(env, "migrate", "articles", "--noinput")
        assert query(env, POINTERS) == [(41, None, None, None), (60, "articles", "article", pk)]
        assert query(env, REDIRECTS) == [
            ("/?p=60", "article", pk, ""),
            ("/feed/", None, None, "/rss/"),
        ]
        manage(env, "migrate", "articles", "0011", "--noinput")
        rows = query(env, "SELECT wp_id, article_id FROM articles_wordpressitem ORDER BY wp_id")
        assert rows == [(41, None), (60, pk)]
        rows = query(env, "SELECT old_path, article_id FROM articles_legacyredirect ORDER BY 1")
        assert rows == [("/?p=60", pk), ("/feed/", None)]
