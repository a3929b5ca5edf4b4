"""What the uncached public pages must keep while they were made cheaper (issue 12):
no session read for anonymous public requests (so no ``Vary: Cookie``), and the search
that skips the second pass when the first one saw every live row."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from publishing import search, statements
from publishing.models import STAND_IN_NOW
from tests.factories import add_byline, make_category

pytestmark = pytest.mark.django_db


def test_public_pages_do_not_read_the_session(client, publish, editor):
    category = make_category("Berita")
    article = publish(title="Jembatan baru dibuka", category=category)
    pages = ["/", article.get_absolute_url(), f"/kategori/{category.slug}/", "/cari/?q=jembatan"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Cookie" not in response.get("Vary", ""), url
        assert "sessionid" not in response.cookies, url
    # A signed-in editor reading the public site gets the same public page ...
    client.force_login(editor)
    assert "Cookie" not in client.get(article.get_absolute_url()).get("Vary", "")
    # ... while the admin still reads the session (and varies on it).
    assert "Cookie" in client.get("/admin/").get("Vary", "")


def test_search_without_older_rows_than_the_scan_finds_every_live_match(
    client, publish, monkeypatch
):
    """Fewer live rows than SCAN: the walk over the newest rows saw all of them, so the
    second (GIN) pass is skipped; the oldest match is still found, scheduled and expired
    rows still are not."""
    monkeypatch.setattr(search, "SCAN", 50)
    oldest = publish(title="Pesut Mahakam Terlihat")
    Article.objects.filter(pk=oldest.pk).update(
        published_at=datetime(1850, 1, 1, tzinfo=UTC)  # older than any default horizon
    )
    festival = publish(title="Festival Pesut")
    scheduled = publish(title="Pesut Terjadwal", when=timezone.now() + timedelta(hours=1))
    expired = publish(title="Pesut Kedaluwarsa")
    Article.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    page = client.get("/cari/", {"q": "pesut"}).content.decode()
    assert "2 hasil untuk" in page
    assert f"/berita/{oldest.slug}/" in page and f"/berita/{festival.slug}/" in page
    assert scheduled.slug not in page and expired.slug not in page


def test_a_reused_search_statement_compares_with_the_time_of_each_search(
    client, publish, monkeypatch
):
    statements._templates.clear()
    publish(title="Pesut Sekarang")
    scheduled = publish(title="Pesut Nanti", when=timezone.now() + timedelta(minutes=2))
    assert "1 hasil untuk" in client.get("/cari/", {"q": "pesut"}).content.decode()
    assert any(statements._templates.values())  # compiled for reuse
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=3))
    page = client.get("/cari/", {"q": "pesut"}).content.decode()
    assert "2 hasil untuk" in page and scheduled.slug in page


def test_a_statement_with_a_value_derived_from_the_time_is_never_reused(db):
    def build(values):
        since = Article.objects.live().query.where  # noqa: F841 - live() reads the clock
        now = STAND_IN_NOW.get() or timezone.now()
        return "SELECT %s, %s", [now - timedelta(days=1), values["text"]]

    key = ("test-derived",)
    first = statements.compiled(key, build, {"text": "a"})
    assert statements._templates[key] is False
    second = statements.compiled(key, build, {"text": "b"})
    assert first[1][1] == "a" and second[1][1] == "b"  # built anew each time


def test_a_reused_statement_fills_every_input_and_the_time(db):
    def build(values):
        sql, params = (
            Article.objects.live()
            .filter(slug=values["slug"], pk__gt=values["pk"])
            .values("pk")
            .query.sql_with_params()
        )
        return sql, list(params)

    key = ("test-filled",)
    before = timezone.now()
    statements.compiled(key, build, {"slug": "x", "pk": 1})
    sql, params = statements.compiled(key, build, {"slug": "banjir", "pk": 7})
    assert sql == build({"slug": "banjir", "pk": 7})[0]
    assert "banjir" in params and 7 in params
    times = [p for p in params if isinstance(p, datetime)]
    assert times and all(t >= before for t in times)


def test_site_settings_and_menu_categories_are_read_once_per_generation(
    client, publish, settings, monkeypatch
):
    from django.core.cache import cache

    from publishing.page_cache import NAV_KEY
    from site_settings.models import CACHE_KEY, SiteSettings

    settings.PUBLIC_FRAGMENT_CACHE = True
    category = make_category("Ekonomi")
    category.show_on_home = True
    category.save()
    article = publish(category=category)
    client.get(article.get_absolute_url())
    read = []
    real_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *a, **kw: read.append(key) or real_get(key, *a, **kw)
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert CACHE_KEY not in read and NAV_KEY not in read  # from process memory
    assert ">Ekonomi</a>" in page
    # A change of either is a new generation: shown at once.
    site = SiteSettings.load()
    site.site_name = "Portal Kutai Timur Baru"
    site.save()
    category.name = "Ekonomi Daerah"
    category.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Portal Kutai Timur Baru" in page and ">Ekonomi Daerah</a>" in page


def test_bylines_come_with_the_article_in_their_order(client, publish):
    from articles.models import ArticleAuthor

    article = publish(byline="Wak Hedir")
    second = add_byline(article, "Siti Aminah")
    ArticleAuthor.objects.filter(article=article, author=second).update(order=0)
    ArticleAuthor.objects.filter(article=article).exclude(author=second).update(order=1)
    page = client.get(article.get_absolute_url()).content.decode()
    byline = page.split('class="byline"')[1].split("</p>")[0]
    assert byline.index("Siti Aminah") < byline.index("Wak Hedir")
    assert f'href="/penulis/{second.slug}/" rel="author"' in byline
    jsonld = page.split("application/ld+json")[1]
    assert jsonld.index("Siti Aminah") < jsonld.index("Wak Hedir")


def _prepared_searches():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE 'WITH hits AS MATERIALIZED%%'"
        )
        return cursor.fetchall()


def _generic_plan(client, word):
    from django.db import connection

    seen = []

    def keep(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        client.get("/cari/", {"q": word})
    params = next(p for sql, p in seen if sql.startswith("WITH hits"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE statement LIKE 'WITH hits%%'")
        [(name,)] = cursor.fetchall()
        # client-side binding: the values are written into EXECUTE's arguments
        cursor.execute(f"EXPLAIN EXECUTE {name}({', '.join(['%s'] * len(params))})", params)
        return "\n".join(line for (line,) in cursor.fetchall())


def test_the_search_statement_is_prepared_once_and_stays_exact(
    client, publish, editor, monkeypatch, settings
):
    """The reused search statement is prepared on the server: one statement for every
    word. Its generic plan (which PostgreSQL chooses by itself at 100,000 articles, not
    on a table this small: forced here) still compares with the time and reads the
    status of each search: a go-live shows, an unpublish hides."""
    from django.db import connection

    from publishing import workflow

    settings.PUBLIC_PAGE_CACHE = False  # every request runs the search
    statements._templates.clear()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")  # the test transaction
    pesut = publish(title="Pesut Mahakam Terlihat")
    publish(title="Festival Budaya Sangatta")
    scheduled = publish(title="Pesut Terjadwal", when=timezone.now() + timedelta(minutes=2))
    for _ in range(4):
        assert "1 hasil untuk" in client.get("/cari/", {"q": "pesut"}).content.decode()
        page = client.get("/cari/", {"q": "festival"}).content.decode()
        assert "1 hasil untuk" in page and pesut.slug not in page
    [(generic, custom)] = _prepared_searches()  # one statement for both words
    assert generic == 8 and custom == 0
    # The text is a parameter of the generic plan: its tsquery is computed once per
    # execution (an InitPlan), not parsed again in every row's filter.
    assert "websearch_to_tsquery" not in _generic_plan(client, "pesut")
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=3))
    page = client.get("/cari/", {"q": "pesut"}).content.decode()
    assert "2 hasil untuk" in page and scheduled.slug in page
    workflow.unpublish(editor, pesut, "Keliru")
    page = client.get("/cari/", {"q": "pesut"}).content.decode()
    assert "1 hasil untuk" in page and pesut.slug not in page


def test_without_prepared_statements_the_search_is_not_prepared(
    client, publish, monkeypatch, settings
):
    """DATABASE_PREPARED_STATEMENTS=false (e.g. behind PgBouncer in transaction mode):
    the same statement through Django's own cursor, nothing prepared."""
    from django.db import connection

    settings.PUBLIC_PAGE_CACHE = False
    statements._templates.clear()
    publish(title="Pesut Mahakam Terlihat")
    options = {
        k: v for k, v in connection.settings_dict["OPTIONS"].items() if k != "prepare_threshold"
    }
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    for _ in range(3):
        assert "1 hasil untuk" in client.get("/cari/", {"q": "pesut"}).content.decode()
    assert _prepared_searches() == []
