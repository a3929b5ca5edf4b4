"""Query budgets: home <= 10, article <= 8, lists <= 6, and the same number of queries
with 1 or 20 tags/images/writers/attachments and with 10 or 10,000 articles.

Measured with the page cache off (every request renders) on a cold cache: the site
settings and the navigation are not cached yet, as on the first request after a public
change or a Redis restart (issue 12 item 6). A warm-up request first fills the planner's
and the connection's state, then the cache is emptied. The
10,000-article case adds rows with bulk_create in one statement (published rows with a
past publication time): this is volume for the planner, not a status change, so it does
not go through publishing.workflow; the article under test is published by the workflow.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleAuthor, GalleryItem
from authors.models import Author
from media_library.models import Document
from tests.factories import make_image

pytestmark = pytest.mark.django_db
# Cold cache (site settings, navigation, menu not cached yet). A site without a menu
# reads no menu rows (site settings say so); with a menu the header reads the menu
# instead of the category navigation. Home also shows the announcements block (1), the
# upcoming agenda (1) and the latest gallery (1: the newest album's photos); the agency
# page lists the agency's own pages (1); search asks every type in one query (1) and
# reads the teasers of the news it shows (1).
BUDGETS = {"home": 13, "article": 8, "list": 6, "list-pd": 7, "search": 7}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False


def enrich(article, n):
    article.tags.add(*[f"topik-{article.pk}-{i}" for i in range(n)])
    for i in range(n):
        GalleryItem.objects.create(article=article, image=make_image(), order=i)
        author = Author.objects.create(display_name=f"Penulis {i}", slug=f"p-{article.pk}-{i}")
        ArticleAuthor.objects.create(article=article, author=author, order=i)
        article.attachments.add(
            Document.objects.create(
                file=f"documents/d{article.pk}-{i}.pdf",
                title=f"Dokumen {i}",
                kind="pdf",
                content_type="application/pdf",
                file_size=1234 + i,
                content_hash=f"{article.pk}-{i}",
            )
        )


def count(client, url):
    client.get(url)  # warm-up: connection, template loader
    cache.clear()  # cold cache: site settings and navigation are read from the database
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def urls(article):
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "list": f"/kategori/{article.category.slug}/",
        "list-tag": f"/tag/{article.tags.first().slug}/",
        "list-pd": f"/pd/{article.perangkat_daerah.slug}/",
        "list-author": f"/penulis/{article.authors.first().slug}/",
        "search": "/cari/?q=berita",
    }


def measure(client, article):
    counts = {name: count(client, url) for name, url in urls(article).items()}
    for name, n in counts.items():
        budget = BUDGETS.get(name, BUDGETS.get(name.split("-")[0], 6))
        assert n <= budget, f"{name}: {n} queries > {budget}"
    assert counts["article"] <= 8, counts
    return counts


def test_budget_independent_of_related_objects(client, publish):
    one = publish(tags=["a"])
    enrich(one, 1)
    many = publish(category=one.category, perangkat_daerah=one.perangkat_daerah, tags=["b"])
    enrich(many, 19)
    assert many.tags.count() == 20 and many.authors.count() == 20
    assert measure(client, one)["article"] == measure(client, many)["article"]
    # Without a gallery and attachments their two queries are not made at all.
    bare = publish(category=one.category, perangkat_daerah=one.perangkat_daerah, tags=["c"])
    assert measure(client, bare)["article"] == measure(client, one)["article"] - 2


def test_budget_independent_of_article_count(client, publish):
    article = publish(tags=["berita"])
    enrich(article, 2)
    for _ in range(9):
        publish(category=article.category, perangkat_daerah=article.perangkat_daerah)
    small = measure(client, article)
    now = timezone.now()
    Article.objects.bulk_create(
        [
            Article(
                title=f"Berita massal {i}",
                slug=f"berita-massal-{i}",
                lead="Ringkasan berita massal.",
                body="<p>Isi berita massal.</p>",
                category=article.category,
                perangkat_daerah=article.perangkat_daerah,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=1, minutes=i),
                first_published_at=now - timedelta(hours=1, minutes=i),
            )
            for i in range(9_990)
        ],
        batch_size=5000,
    )
    assert Article.objects.live().count() == 10_000
    large = measure(client, article)
    print("query counts, 10 vs 10,000 articles:", small, large)
    assert large == small


def test_budget_holds_with_a_menu(client, publish):
    from site_settings.models import MenuItem

    article = publish(tags=["berita"])
    enrich(article, 2)
    MenuItem.objects.create(title="Profil", url="/halaman/profil/", in_header=True)
    assert "Profil" in client.get(article.get_absolute_url()).content.decode()
    counts = measure(client, article)
    assert counts["article"] <= 8, counts
