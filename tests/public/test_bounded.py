"""Public pages stay bounded at any archive size (issue 12 item 2): related articles come
from the newest few per tag, list and search counts stop at a cap, and every page number
a reader (or a crawler) can type answers 200 or 404, never 500."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import pagination, related
from articles.models import Article
from publishing import search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False


def bulk(category, pd, n, title="Berita massal", minutes=0, **fields):
    now = timezone.now()
    created = Article.objects.bulk_create(
        [
            Article(
                title=f"{title} {i}",
                slug=f"{title.lower().replace(' ', '-')}-{i}",
                lead="Ringkasan.",
                body="<p>Isi.</p>",
                category=category,
                perangkat_daerah=pd,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=minutes + i + 1),
                **fields,
            )
            for i in range(n)
        ]
    )
    return created


def related_titles(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    section = page.split('id="h-terkait"')[1].split("</section>")[0]
    return re.findall(r'href="/berita/([^/]+)/"', section)


def test_a_rare_tag_brings_its_article_in_although_a_common_tag_is_on_newer_ones(
    client, publish, monkeypatch
):
    monkeypatch.setattr(related, "PER_TAG", 2)
    older = publish(tags=["kutai timur", "banjir sangatta"], title="Banjir Sangatta Lama")
    Article.objects.filter(pk=older.pk).update(published_at=timezone.now() - timedelta(days=30))
    article = publish(tags=["kutai timur", "banjir sangatta"], category=older.category)
    newer = [publish(tags=["kutai timur"]) for _ in range(5)]
    slugs = related_titles(client, article)
    # sharing two tags ranks first; of the five sharing the common tag only the newest
    # two (PER_TAG) are candidates, and the category's newest fill the rest
    assert slugs[0] == older.slug
    assert newer[-1].slug in slugs and newer[-2].slug in slugs
    assert newer[0].slug not in slugs and newer[1].slug not in slugs


def test_related_never_lists_the_article_itself_or_unpublished_ones(client, publish):
    article = publish(tags=["pemkab"])
    draft = Article.objects.create(
        title="Draf Terkait",
        slug="draf-terkait",
        perangkat_daerah=article.perangkat_daerah,
        category=article.category,
    )
    draft.tags.add("pemkab")
    slugs = related_titles(client, publish(tags=["pemkab"], category=article.category))
    assert article.slug in slugs and "draf-terkait" not in slugs


def test_tags_previous_and_next_come_with_the_article(client, publish):
    first = publish(tags=["zebra", "apel"])
    second = publish(category=first.category)
    Article.objects.filter(pk=first.pk).update(published_at=timezone.now() - timedelta(hours=2))
    page = client.get(first.get_absolute_url()).content.decode()
    assert page.index("#apel") < page.index("#zebra")
    assert f'rel="next" href="/berita/{second.slug}/"' in page
    page = client.get(second.get_absolute_url()).content.decode()
    assert f'rel="prev" href="/berita/{first.slug}/"' in page


def test_list_count_stops_at_the_cap_and_every_page_still_works(client, publish, monkeypatch):
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 24)
    article = publish()
    bulk(article.category, article.perangkat_daerah, 39)  # 40 in the category, 12 a page
    url = f"/kategori/{article.category.slug}/"
    first = client.get(url).content.decode()
    assert "Halaman 1 dari lebih dari 2" in first
    third = client.get(url + "?page=3").content.decode()
    assert "Halaman 3 dari lebih dari 2" in third and 'rel="next"' in third
    last = client.get(url + "?page=4")
    assert last.status_code == 200 and 'rel="next"' not in last.content.decode()
    assert 'rel="prev" href="?page=3"' in last.content.decode()
    for page in ("5", "99999", str(10**30), "-1", "abc", "1e9", "\u0663"):
        response = client.get(url, {"page": page})
        assert response.status_code in (200, 404), page
    assert client.get(url, {"page": "5"}).status_code == 404
    assert client.get(url, {"page": str(10**30)}).status_code == 404


def test_short_lists_still_show_the_exact_page_count(client, publish):
    article = publish()
    bulk(article.category, article.perangkat_daerah, 20)
    page = client.get(f"/kategori/{article.category.slug}/?page=2").content.decode()
    assert "Halaman 2 dari 2" in page
    assert client.get(f"/kategori/{article.category.slug}/?page=3").status_code == 404


def test_search_ranks_and_counts_a_bounded_number_of_matches(client, publish, monkeypatch):
    monkeypatch.setattr(search, "POOL", 5)
    article = publish(title="Jembatan Baru Diresmikan")
    bulk(article.category, article.perangkat_daerah, 15, title="Jembatan gantung")
    first = client.get("/cari/", {"q": "jembatan"}).content.decode()
    assert "Lebih dari 5 hasil untuk “jembatan”" in first
    shown = set(re.findall(r'href="/berita/([^/"]+)/"', first.split('class="list"')[1]))
    assert len(shown) == 6  # the newest POOL + 1 matches are ranked and shown
    assert client.get("/cari/", {"q": "jembatan", "page": "2"}).status_code == 404


def test_search_below_the_cap_counts_exactly(client, publish):
    publish(title="Festival Budaya Magic Land")
    publish(title="Festival Kuliner")
    page = client.get("/cari/", {"q": "festival"}).content.decode()
    assert "2 hasil untuk “festival”" in page
    assert client.get("/cari/", {"q": "zzzxqy"}).status_code == 200


def test_search_filters_by_category_and_agency_slugs(client, publish):
    a = publish(title="Pasar Murah Sangatta")
    b = publish(title="Pasar Murah Bengalon")
    page = client.get("/cari/", {"q": "pasar", "kategori": a.category.slug}).content.decode()
    assert a.slug in page and b.slug not in page
    page = client.get("/cari/", {"q": "pasar", "pd": b.perangkat_daerah.slug}).content.decode()
    assert b.slug in page and a.slug not in page
    page = client.get("/cari/", {"q": "pasar", "kategori": "tidak-ada\x00"}).content.decode()
    assert a.slug in page and b.slug in page  # an invalid filter is ignored


def test_search_finds_old_rare_words_beyond_the_scanned_newest_articles(
    client, publish, monkeypatch
):
    """The newest SCAN articles are tested row by row; a word that is rare there is looked
    up in the whole archive through the GIN index."""
    monkeypatch.setattr(search, "SCAN", 3)
    monkeypatch.setattr(search, "POOL", 2)
    old = publish(title="Pesut Mahakam Terlihat")
    Article.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=400))
    for i in range(5):
        publish(title=f"Pengumuman Pesut Baru {i}")
    page = client.get("/cari/", {"q": "pesut"}).content.decode()
    assert "Lebih dari 2 hasil" in page  # the newest three matches: the recent branch
    page = client.get("/cari/", {"q": "mahakam"}).content.decode()
    assert old.slug in page and "1 hasil untuk" in page  # the archive branch


def test_related_articles_are_reused_only_within_a_content_generation(
    client, publish, editor, settings
):
    settings.PUBLIC_FRAGMENT_CACHE = True
    from publishing import workflow

    article = publish(tags=["pesta adat"])
    first = publish(tags=["pesta adat"])
    assert first.slug in related_titles(client, article)
    with CaptureQueriesContext(connection) as warm:
        client.get(article.get_absolute_url())
    assert not [q for q in warm.captured_queries if "UNION" in q["sql"]]  # reused
    second = publish(tags=["pesta adat"])  # a visible change: a new generation
    assert second.slug in related_titles(client, article)
    workflow.unpublish(editor, first, "Salah data")
    assert first.slug not in related_titles(client, article)


@pytest.mark.parametrize("kind", ["category", "agency", "tag", "writer"])
def test_a_list_count_reads_only_columns_of_its_index(client, publish, kind):
    """The capped count of a category's, agency's, tag's or writer's list can be answered
    by its live-list index alone (an index-only scan: no heap row per counted article).
    Without expires_at in the index PostgreSQL preferred to scan the table at 100,000
    articles; a column that ``live()`` or the list starts to filter on must go into the
    index too."""
    from articles.models import ArticleAuthor

    article = publish(tags=["banjir"], byline="Wak Hedir")
    bulk(article.category, article.perangkat_daerah, 30)
    writer = ArticleAuthor.objects.get(article=article).author
    url, table, index = {
        "category": (f"/kategori/{article.category.slug}/", "articles_article", "cat_live_pub"),
        "agency": (f"/pd/{article.perangkat_daerah.slug}/", "articles_article", "pd_live_pub"),
        "tag": ("/tag/banjir/", "articles_publiclisting", "public_listing_live"),
        "writer": (f"/penulis/{writer.slug}/", "articles_publiclisting", "public_listing_live"),
    }[kind]
    index = index if index.startswith("public") else f"article_{index}"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    [count] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT")]
    where = count.split(" WHERE ", 1)[1]
    filtered = set(re.findall(rf'"{table}"\."(\w+)"', where))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname, pg_get_expr(i.indpred, i.indrelid) FROM pg_index i"
            " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
            " WHERE i.indexrelid = %s::regclass",
            [f"{index}_idx"],
        )
        rows = cursor.fetchall()
    held = {name for name, _predicate in rows}
    assert "status" in rows[0][1]  # the partial index's predicate: published rows
    assert filtered and filtered <= held | {"status"}, (filtered, held)
