"""articles 0007 moves revisions, the transition log, notices and share links to the
publishing core keeping every row (and its id: share-link tokens name it), converts
revision content to the new snapshot format, and reverses cleanly. Runs on a scratch
PostgreSQL database through manage.py, as a deploy would."""

import json

import psycopg

from tests.scratchdb import manage, run, scratch_database

SEED_OLD_ROWS = """
import django, json
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
apps = MigrationExecutor(connection).loader.project_state(("articles", "0006_merge_perf_tags")).apps
User = apps.get_model("auth", "User")
PD = apps.get_model("perangkat_daerah", "PerangkatDaerah")
Author = apps.get_model("authors", "Author")
A = lambda n: apps.get_model("articles", n)
user = User.objects.create(username="penulis", is_staff=True)
pd = PD.objects.create(name="Diskominfo", short_name="Diskominfo", slug="diskominfo")
author = Author.objects.create(display_name="Wak Hedir", slug="wak-hedir")
now = timezone.now()
art = A("Article").objects.create(title="Bimtek", slug="bimtek", perangkat_daerah=pd,
    status="published", published_at=now, first_published_at=now)
base = {"title": "Bimtek", "authors": [[author.pk, 0]], "gallery": [[7, "Foto", 0]], "tags": ["humas"]}
saved = A("Revision").objects.create(article=art, created_by=user, state="saved", content=base)
pending = A("Revision").objects.create(article=art, created_by=user, state="pending",
    content={**base, "title": "Bimtek usulan"})
A("Transition").objects.create(article=art, actor=user, action="publish", from_status="review", to_status="published")
link = A("ShareLink").objects.create(article=art, created_by=user, expires_at=now)
A("Notification").objects.create(user=user, article=art, action="publish", message="terbit")
A("NotificationPreference").objects.create(user=user, email_enabled=False)
print(json.dumps({"article": art.pk, "saved": saved.pk, "pending": pending.pk, "link": link.pk, "author": author.pk}))
"""


def test_publishing_core_migration_keeps_every_row_and_reverses():
    with scratch_database("migration_0007") as env:
        manage(env, "migrate", "articles", "0006", "--noinput")
        ids = json.loads(run(env, "-c", SEED_OLD_ROWS).strip().splitlines()[-1])
        manage(env, "migrate", "--noinput")
        with psycopg.connect(env["DATABASE_URL"]) as conn:
            revs = dict(
                conn.execute(
                    "SELECT id, content FROM publishing_revision WHERE object_id = %s",
                    [ids["article"]],
                ).fetchall()
            )
            assert set(revs) == {ids["saved"], ids["pending"]}
            assert revs[ids["saved"]]["authors"] == [
                {"id": None, "author_id": ids["author"], "order": 0}
            ]
            assert revs[ids["saved"]]["gallery"] == [
                {"id": None, "image_id": 7, "caption": "Foto", "order": 0}
            ]
            (live,) = conn.execute(
                "SELECT live_revision_id FROM articles_article WHERE id = %s", [ids["article"]]
            ).fetchone()
            assert live == ids["saved"]
            (based_on,) = conn.execute(
                "SELECT based_on_id FROM publishing_revision WHERE id = %s", [ids["pending"]]
            ).fetchone()
            assert based_on == ids["saved"]
            for table in ("transition", "notification", "notificationpreference"):
                (count,) = conn.execute(f"SELECT count(*) FROM publishing_{table}").fetchone()
                assert count == 1, table
            (link,) = conn.execute("SELECT id FROM publishing_sharelink").fetchone()
            assert link == ids["link"]
        # New rows after the copy do not collide with the copied ids (sequences reset).
        run(
            env,
            "manage.py",
            "shell",
            "-c",
            "from publishing.models import Transition; from articles.models import Article; "
            "Transition.objects.create(content_object=Article.objects.get(), action='x', "
            "from_status='published', to_status='published')",
        )
        manage(env, "migrate", "articles", "0006", "--noinput")
        with psycopg.connect(env["DATABASE_URL"]) as conn:
            (content,) = conn.execute(
                "SELECT content FROM articles_revision WHERE id = %s", [ids["saved"]]
            ).fetchone()
            assert content["authors"] == [[ids["author"], 0]]
            (count,) = conn.execute("SELECT count(*) FROM articles_transition").fetchone()
            assert count == 2
