"""articles.PublicListing (the index tag and writer lists walk) stays equal to "one row
per article tag and byline with the article's status and publication window" through
every door that changes them: the workflow (publish, schedule, unpublish, restore, a
proposal approved with other tags and writers), taggit's API, bylines, bulk writes,
queryset.update(), deletes. And the lists it serves show exactly live() articles."""

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, PublicListing
from authors.models import Author
from publishing import revisions, workflow
from tests.factories import add_byline, make_article

pytestmark = pytest.mark.django_db

TAG, WRITER = PublicListing.Kind.TAG, PublicListing.Kind.WRITER


def expected():
    """What the listing must hold, computed from the source tables."""
    ct = ContentType.objects.get_for_model(Article)
    articles = {
        a["pk"]: (a["status"], a["published_at"], a["expires_at"])
        for a in Article.objects.values("pk", "status", "published_at", "expires_at")
    }
    rows = {
        (TAG, t.tag_id, t.object_id, *articles[t.object_id])
        for t in TaggedItem.objects.filter(content_type=ct)
    }
    rows |= {
        (WRITER, b.author_id, b.article_id, *articles[b.article_id])
        for b in ArticleAuthor.objects.all()
    }
    return rows


def actual():
    return set(
        PublicListing.objects.values_list(
            "kind", "key", "article_id", "status", "published_at", "expires_at"
        )
    )


def assert_consistent():
    assert actual() == expected()


def test_every_door_keeps_the_listing_right(editor):
    article = make_article(title="Jalan Poros Diperbaiki")
    article.tags.add("jalan", "kutai timur")
    writer = add_byline(article, "Wak Hedir")
    assert_consistent()
    assert PublicListing.objects.filter(article=article, status="draft").count() == 3

    workflow.publish(editor, article, when=timezone.now() - timedelta(minutes=1))
    assert_consistent()
    assert PublicListing.objects.live().filter(article=article).count() == 3

    article.tags.remove("jalan")
    article.tags.add("sangatta")
    article.tags.set(["sangatta", "pemkab"])
    assert_consistent()

    second = Author.objects.create(display_name="Siti", slug="siti")
    byline = ArticleAuthor.objects.get(article=article, author=writer)
    byline.author = second
    byline.save()
    assert_consistent()

    workflow.unpublish(editor, article, "Keliru")
    assert_consistent()
    assert not PublicListing.objects.live().filter(article=article).exists()
    workflow.restore(editor, article)
    assert_consistent()

    later = timezone.now() + timedelta(days=1)
    workflow.publish(editor, article, when=later)  # scheduled
    assert_consistent()
    assert not PublicListing.objects.live().filter(article=article).exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=1))
    assert_consistent()
    Article.objects.filter(pk=article.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert_consistent()
    assert not PublicListing.objects.live().filter(article=article).exists()
    Article.objects.filter(pk=article.pk).update(expires_at=None)

    # a proposal with other tags and writers, approved through the workflow
    article.refresh_from_db()
    content = revisions.snapshot(article)
    content["tags"] = ["proposal-tag"]
    content["authors"] = [{"id": None, "author_id": writer.pk, "order": 0}]
    proposal = workflow.save_proposal(editor, article, content)
    assert_consistent()
    article.refresh_from_db()
    workflow.approve_revision(editor, article, proposal)
    assert_consistent()
    assert set(PublicListing.objects.filter(article=article).values_list("kind", "key")) == {
        (TAG, Tag.objects.get(name="proposal-tag").pk),
        (WRITER, writer.pk),
    }

    # bulk writes and deletes
    other = make_article()
    tag = Tag.objects.get(name="proposal-tag")
    ct = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create([TaggedItem(tag=tag, content_type=ct, object_id=other.pk)])
    ArticleAuthor.objects.bulk_create([ArticleAuthor(article=other, author=second)])
    assert_consistent()
    TaggedItem.objects.filter(tag=tag).update(tag=Tag.objects.create(name="ganti", slug="ganti"))
    assert_consistent()
    Tag.objects.get(slug="ganti").delete()
    assert_consistent()
    other.delete()
    article.delete()
    assert_consistent()
    assert PublicListing.objects.count() == 0


def test_rows_of_other_content_types_are_not_listed():
    from django.contrib.auth.models import Group

    tag = Tag.objects.create(name="bukan berita", slug="bukan-berita")
    ct = ContentType.objects.get_for_model(Group)
    article = make_article()
    TaggedItem.objects.create(tag=tag, content_type=ct, object_id=article.pk)
    assert not PublicListing.objects.filter(kind=TAG, key=tag.pk).exists()
    assert_consistent()


def test_tag_and_writer_lists_show_exactly_the_live_articles(client, publish, editor):
    shown = [publish(title=f"Tampil {i}", tags=["jembatan"], byline="Wak Hedir") for i in range(3)]
    writer = shown[0].authors.get()
    for article in shown[1:]:
        ArticleAuthor.objects.filter(article=article).update(author=writer)
    hidden = publish(title="Ditarik Kembali", tags=["jembatan"])
    workflow.unpublish(editor, hidden, "Keliru")
    future = make_article(title="Belum Waktunya")
    future.tags.add("jembatan")
    ArticleAuthor.objects.create(article=future, author=writer)
    workflow.publish(editor, future, when=timezone.now() + timedelta(hours=2))
    expired = publish(title="Sudah Kedaluwarsa", tags=["jembatan"])
    Article.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    draft = make_article(title="Masih Draf")
    draft.tags.add("jembatan")

    for url in ("/tag/jembatan/", f"/penulis/{writer.slug}/"):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert all(f"Tampil {i}" in page for i in range(3)), url
        for title in ("Ditarik Kembali", "Belum Waktunya", "Sudah Kedaluwarsa", "Masih Draf"):
            assert title not in page, (url, title)
        assert "articles_publiclisting" in " ".join(q["sql"] for q in queries)
        # newest first
        assert page.index("Tampil 2") < page.index("Tampil 1") < page.index("Tampil 0")


def test_a_rare_tag_page_reads_a_bounded_number_of_index_rows(client, publish):
    """The page query reads the listing's slice (12 rows) and the count at most CAP + 1."""
    from articles.pagination import CAP

    for i in range(14):
        publish(title=f"Langka {i}", tags=["langka"], byline=None)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/tag/langka/?page=2").content.decode()
    assert "Langka 0" in page and "Langka 1" in page and "Langka 13" not in page
    sql = [q["sql"] for q in queries if "articles_publiclisting" in q["sql"]]
    assert len(sql) == 2
    assert f"LIMIT {CAP + 1}" in sql[0]
    # the page's slice of the listing: at most 12 rows after the first page's 12
    limit = re.search(r"LIMIT (\d+) OFFSET 12\)", sql[1])
    assert limit and int(limit.group(1)) <= 12
