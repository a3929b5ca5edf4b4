"""Posts are imported in batches whose database lookups are read up front: what an
earlier post of the same batch created (a category, tag or writer with any name, a
slug, an address to link to, the post itself) must be found, and each imported
article's revision must be exactly what the database holds."""

import pytest
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Category
from articles.wordpress.importer import POST_BATCH
from authors.models import Author
from publishing import revisions
from publishing.models import Revision, Transition

from . import wxr

pytestmark = pytest.mark.django_db

CAFE = "Café ☕ Kopi"
TAG = "Kopi Café 🚀"
WRITER = "Dewi Sántoso 🌺"


def test_terms_first_seen_on_a_post_are_reused_by_the_rest_of_its_batch(run_import):
    # No header terms: the first post creates the category, tag and writer, the others
    # (in the same batch) must find them, not create them again.
    posts = [
        wxr.post(
            i,
            f"Berita {i}",
            "<p>Isi</p>",
            creator=WRITER,
            categories=[("kafe", CAFE)],
            tags=[("kopi", TAG), (f"t{i}", f"Unik {i} ✓")],
        )
        for i in range(1, 6)
    ]
    run_import(wxr.export(*posts))
    assert Article.objects.count() == 5
    assert Category.objects.filter(name=CAFE).count() == 1
    assert Tag.objects.filter(name=TAG).count() == 1
    assert Author.objects.filter(display_name=WRITER).count() == 1
    category, tag, writer = (
        Category.objects.get(name=CAFE),
        Tag.objects.get(name=TAG),
        Author.objects.get(display_name=WRITER),
    )
    for article in Article.objects.all():
        assert article.category == category
        assert set(article.tags.names()) == {TAG, f"Unik {article.title.split()[-1]} ✓"}
        assert list(article.authors.all()) == [writer]
    assert tag.taggit_taggeditem_items.count() == 5


def test_revision_of_each_imported_article_is_what_the_database_holds(run_import):
    body = "<p>Isi berita.</p><p><strong>Penulis : Budi Café</strong></p><p>Pewarta : Siti 🚀</p>"
    run_import(
        wxr.export(
            wxr.post(1, "Satu", body, tags=[("a", "Ékspor 🚀"), ("b", "Zebra"), ("c", "ápel")]),
            wxr.post(2, "Dua", "<p>Tanpa tag</p>", creator="admin"),
        )
    )
    for article in Article.objects.all():
        [revision] = Revision.objects.filter(object_id=article.pk)
        assert article.live_revision == revision and article.is_live
        assert revision.content == revisions.snapshot(article)
    one = Article.objects.get(title="Satu")
    names = [row.author.display_name for row in ArticleAuthor.objects.filter(article=one)]
    assert names == ["Budi Café", "Siti 🚀"]
    assert one.live_revision.content["tags"] == sorted(["Ékspor 🚀", "Zebra", "ápel"])
    assert [row["order"] for row in one.live_revision.content["authors"]] == [0, 1]


def test_link_to_an_earlier_post_of_the_same_batch_is_rewritten_at_once(run_import):
    run_import(
        wxr.export(
            wxr.post(1, "Pertama", "<p>Isi</p>", name="pertama-é"),
            wxr.post(2, "Kedua", f'<p>Lihat <a href="{wxr.SITE}/?p=1">pertama</a></p>'),
        )
    )
    first, second = Article.objects.get(title="Pertama"), Article.objects.get(title="Kedua")
    assert f'href="{first.get_absolute_url()}"' in second.body
    # No second save in the link pass: one revision, published once, no approval.
    assert Revision.objects.filter(object_id=second.pk).count() == 1
    assert list(
        Transition.objects.filter(object_id=second.pk).values_list("action", flat=True)
    ) == ["publish"]


def test_taken_slugs_inside_and_before_the_batch(run_import, pd):
    Article.objects.create(title="Sudah ada", slug="sudah-ada", perangkat_daerah=pd)
    run_import(
        wxr.export(
            wxr.post(1, "Rapat A", "<p>a</p>", name="rapat-koordinasi"),
            wxr.post(2, "Rapat B", "<p>b</p>", name="rapat-koordinasi"),
            wxr.post(3, "Sudah ada lagi", "<p>c</p>", name="sudah-ada"),
            wxr.post(4, "Kafe", "<p>d</p>", name="kafe-%e2%98%95"),
        )
    )
    slugs = dict(Article.objects.values_list("title", "slug"))
    assert slugs["Rapat A"] == "rapat-koordinasi"
    assert slugs["Rapat B"] == "rapat-koordinasi-2"
    assert slugs["Sudah ada lagi"] == "sudah-ada-2"
    assert slugs["Kafe"].startswith("kafe")


def test_the_same_post_twice_in_one_batch_is_one_article(run_import):
    run_import(
        wxr.export(
            wxr.post(7, "Versi lama", "<p>lama</p>"),
            wxr.post(8, "Lain", "<p>lain</p>"),
            wxr.post(7, "Versi baru", "<p>baru</p>", modified="2024-09-03 10:00:00"),
        )
    )
    assert Article.objects.count() == 2
    assert Article.objects.filter(title="Versi baru").exists()


def test_batches_follow_each_other(run_import):
    """More posts than one batch, each linking to the one before: every link is
    rewritten, every post imported once, a re-run skips them all."""
    count = POST_BATCH + 5
    posts = [
        wxr.post(i, f"Nomor {i}", f'<p><a href="{wxr.SITE}/?p={i - 1}">sebelum</a></p>')
        for i in range(1, count + 1)
    ]
    run_import(wxr.export(*posts))
    assert Article.objects.count() == count
    assert Revision.objects.count() == count
    previous = Article.objects.get(title=f"Nomor {POST_BATCH}")
    first_of_next = Article.objects.get(title=f"Nomor {POST_BATCH + 1}")
    assert f'href="{previous.get_absolute_url()}"' in first_of_next.body
    out = run_import(wxr.export(*posts), name="again.xml")
    assert f"dilewati: {count}" in out
    assert Article.objects.count() == count and Revision.objects.count() == count


def test_a_rerun_of_unchanged_posts_reports_each_with_a_few_queries_per_batch(run_import):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.wordpress.models import ImportResult, WordPressImport

    posts = [wxr.post(i, f"Tetap {i} é", "<p>Isi</p>") for i in range(1, 41)]
    run_import(wxr.export(*posts, wxr.post(99, "Halaman", "x", post_type="page")))
    with CaptureQueriesContext(connection) as rerun:
        run_import(wxr.export(*posts, wxr.post(99, "Halaman", "x", post_type="page")), name="b.xml")
    run = WordPressImport.objects.order_by("-pk").first()
    rows = list(ImportResult.objects.filter(run=run, kind="post").order_by("pk"))
    assert [r.wp_id for r in rows] == list(range(1, 41))  # one line each, in file order
    assert {r.outcome for r in rows} == {"skipped"}
    assert ImportResult.objects.get(run=run, kind="page").outcome == "skipped"  # unchanged
    # Not one transaction per unchanged post: the batch's lookups and one INSERT.
    assert len(rerun) < 40, len(rerun)
