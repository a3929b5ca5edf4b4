#!/usr/bin/env python3
"""Seed N live articles fast, with a realistic tag distribution (a script, not a test).

    DATABASE_URL=postgres://…/kominfo_bench .venv/bin/python bench/seed_articles.py 100000

The database must be migrated and empty of articles. Rows are built as model objects
and sent with COPY (status published, published_at in the past): volume for the
benchmarks, not editorial transitions. Each column gets the value bulk_create would send
(``pre_save`` and ``get_db_prep_save`` of its field), and the database's triggers run as
for any insert: the search vectors (row trigger) and ``articles.PublicListing`` (statement
triggers, one COPY per batch). The whole seed is one transaction; inside it the GIN
indexes of the article table (search vector, title trigrams) are dropped and created again
from their own definitions after the last row, as migration 0003 built them over existing
articles: inserting into them row by row was most of the time (95 of 139 s at 100,000).

Tags as real Diskominfo sites use them: a few tags on most articles ("kutai timur" on
85 %, "pemkab kutim" on 60 %, "diskominfo" on 40 %, "sangatta" on 25 %) and one or two
of 3,000 rare tags each, skewed so that some rare tags recur. Exactly one article in ten
is about a bridge ("jembatan"), so that word matches 10 % of the archive, as the
Wagtail anchor's search term does.
"""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominfo.settings")

COMMON_TAGS = [
    ("kutai timur", 0.85),
    ("pemkab kutim", 0.60),
    ("diskominfo", 0.40),
    ("sangatta", 0.25),
]
RARE_TAGS = 3000
BRIDGE = "Bupati Resmikan Jembatan Penghubung Dua Kecamatan"


def seed(n, batch=5000):
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles import demo_content as demo
    from articles.management.commands.seed_demo import photo_bytes
    from articles.models import Article, ArticleAuthor, Category
    from authors.models import Author
    from media_library import pipeline
    from perangkat_daerah.models import PerangkatDaerah
    from site_settings.models import SiteSettings

    t0 = time.time()
    rng = random.Random(1)
    site = SiteSettings.load()
    site.site_name = "Diskominfo Perstik Kutai Timur"
    site.office_name = demo.PERANGKAT_DAERAH[0][0] + " Kabupaten Kutai Timur"
    site.tagline = "Berita resmi Pemerintah Kabupaten Kutai Timur"
    site.footer_text = demo.FOOTER_TEXT
    site.save()
    pds = [
        PerangkatDaerah.objects.create(
            name=name, short_name=short, order=i, slug=short.lower().replace(" ", "-")
        )
        for i, (name, short) in enumerate(demo.PERANGKAT_DAERAH)
    ]
    cats = [
        Category.objects.create(name=name, slug=slug, order=i, show_on_home=i < 4)
        for i, (name, slug) in enumerate(demo.CATEGORIES)
    ]
    authors = [
        Author.objects.create(
            display_name=f"Penulis {i}", slug=f"penulis-{i}", perangkat_daerah=pds[i % len(pds)]
        )
        for i in range(20)
    ]
    images = [
        pipeline.ingest_image(
            SimpleUploadedFile(f"f{i}.jpg", photo_bytes(1600, 1000, i)),
            title=f"Foto {i}",
            alt_text=f"Foto kegiatan {i}",
            credit="Humas Kutim",
            perangkat_daerah=pds[0],
        )
        for i in range(8)
    ]
    common = [Tag.objects.create(name=name, slug=name.replace(" ", "-")) for name, _ in COMMON_TAGS]
    rare = Tag.objects.bulk_create(
        [Tag(name=f"topik {i}", slug=f"topik-{i}") for i in range(RARE_TAGS)]
    )
    topics = [t for t in demo.TOPICS if t[0] != BRIDGE]
    now = timezone.now()
    words = " ".join(demo.PARAGRAPHS).split()
    ct = ContentType.objects.get_for_model(Article)
    table = Article._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        gin = without_gin_indexes(cursor, table)
        for start in range(0, n, batch):
            rows = []
            for i in range(start, min(n, start + batch)):
                title = BRIDGE if i % 10 == 0 else topics[i % len(topics)][0]
                when = now - timedelta(minutes=30 + i * 7)
                body = "".join(f"<p>{p}</p>" for p in rng.sample(demo.PARAGRAPHS, 3))
                rows.append(
                    Article(
                        title=f"{title} {i}",
                        slug=f"berita-{i}",
                        dateline=rng.choice(demo.PLACES),
                        lead=f"{title}. " + " ".join(rng.sample(words, 18)) + ".",
                        body=body,
                        featured_image=images[i % len(images)],
                        category=cats[i % len(cats)],
                        perangkat_daerah=pds[i % len(pds)],
                        status="published",
                        published_at=when,
                        first_published_at=when,
                        is_featured=(i == 3),
                    )
                )
            copy_objects(cursor, rows, with_ids=True)
            tagged = []
            for article in rows:
                chosen = {
                    tag
                    for tag, (_, share) in zip(common, COMMON_TAGS, strict=True)
                    if rng.random() < share
                }
                for _ in range(rng.choice((1, 1, 2))):
                    chosen.add(rare[int(RARE_TAGS * rng.random() ** 2)])
                tagged += [
                    TaggedItem(content_type=ct, object_id=article.pk, tag=tag) for tag in chosen
                ]
            copy_objects(cursor, tagged)
            copy_objects(
                cursor,
                [ArticleAuthor(article=a, author=authors[a.pk % len(authors)]) for a in rows],
            )
        # the deferred foreign key checks run now (not at commit): an index cannot be
        # created on a table with pending trigger events
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in gin:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    live = Article.objects.live().count()
    print(f"seeded {live:,} live articles in {time.time() - t0:.1f} s", flush=True)
    return time.time() - t0


def copy_objects(cursor, objects, with_ids=False):
    """Write unsaved model objects of one model with COPY, each column with the value
    bulk_create would send. ``with_ids``: take their primary keys from the table's
    sequence first (as bulk_create's RETURNING would give them) and set them."""
    from django.db import connection

    model = type(objects[0])
    meta = model._meta
    fields = [f for f in meta.concrete_fields if with_ids or f is not meta.pk]
    if with_ids:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with cursor.cursor.copy(f"COPY {meta.db_table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


def without_gin_indexes(cursor, table):
    """Drop the GIN indexes of ``table`` (inside the caller's transaction) and return the
    statements that create them again, exactly as they were defined."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        " AND tablename = %s AND indexdef LIKE '%% USING gin %%'",
        [table],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


if __name__ == "__main__":
    seed(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
