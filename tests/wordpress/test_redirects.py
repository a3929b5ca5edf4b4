"""Every old WordPress address answers 301 to the new one; unknown ones stay 404."""

import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from articles.models import Article, Category
from articles.wordpress import redirects

from . import wxr
from .test_media import media_export, uploads  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(run_import, uploads):  # noqa: F811
    export = wxr.export(
        wxr.category(3, "berita", "Berita"),
        wxr.category(5, "sangatta", "Sangatta", parent="berita"),
        wxr.tag(7, "bimtek-2024", "Bimtek"),
        wxr.post(
            60,
            "Bimtek Kehumasan",
            "<p>Isi</p>",
            name="bimtek-kehumasan",
            categories=[("berita", "Berita")],
            tags=[("bimtek-2024", "Bimtek")],
        ),
        wxr.post(61, "Draf rahasia", "<p>Isi</p>", status="draft", name="draf-rahasia"),
        wxr.post(62, "Berita non-ASCII", "<p>Isi</p>", name="%e2%80%9cberita%e2%80%9d-sangatta"),
    )
    run_import(export, uploads=uploads, name="posts.xml")
    run_import(media_export(), uploads=uploads, name="media.xml")
    return Article.objects.get(title="Bimtek Kehumasan")


def location(client, path):
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_post_addresses(client, imported):
    new = imported.get_absolute_url()
    assert new.startswith("/berita/")
    for old in (
        "/?p=60",
        "/index.php?p=60",
        "/index.php/2024/09/02/bimtek-kehumasan/",
        "/2024/09/02/bimtek-kehumasan/",
        "/2024/09/02/bimtek-kehumasan",
        "/2024/09/bimtek-kehumasan/",
        "/bimtek-kehumasan/",
        "/BIMTEK-KEHUMASAN/",
    ):
        assert location(client, old) == new
    assert client.get(new).status_code == 200


def test_non_ascii_slug_address(client, imported):
    article = Article.objects.get(title="Berita non-ASCII")
    assert location(client, "/%E2%80%9Cberita%E2%80%9D-sangatta/") == article.get_absolute_url()


def test_category_tag_feed_and_pagination(client, imported):
    category = Category.objects.get(name="Berita")
    tag = Tag.objects.get(name="Bimtek")
    assert location(client, "/category/berita/") == f"/kategori/{category.slug}/"
    assert location(client, "/category/berita/page/2/") == f"/kategori/{category.slug}/?page=2"
    assert (
        location(client, "/category/berita/sangatta/")
        == f"/kategori/{Category.objects.get(name='Sangatta').slug}/"
    )
    assert location(client, "/category/berita/feed/") == f"/kategori/{category.slug}/rss/"
    # The tag keeps its WordPress slug: its old address is its address here.
    assert tag.slug == "bimtek-2024"
    assert client.get("/tag/bimtek-2024/").status_code == 200
    assert location(client, "/tag/bimtek-2024/page/3/") == f"/tag/{tag.slug}/?page=3"
    assert location(client, "/feed/") == "/rss/"


def test_media_and_attachment_pages(client, imported):
    article = Article.objects.get(title="Berita dengan foto")
    original = article.featured_image.file.url
    base = "/wp-content/uploads/2024/09/WhatsApp-Image-2024-09-02-at-14.11.22"
    assert location(client, base + ".jpeg") == original
    assert location(client, base + "-1024x768.jpeg") == original
    assert location(client, "/?attachment_id=41") == original
    document = article.attachments.get()
    assert (
        location(client, "/wp-content/uploads/2024/09/undangan.pdf") == document.get_download_url()
    )


def test_unknown_and_unpublished_stay_404(client, imported):
    for old in (
        "/?p=61",
        "/draf-rahasia/",
        "/?p=999",
        "/?page_id=3",
        "/tidak-ada/",
        "/category/x/",
        "/wp-content/uploads/2024/09/tidak.jpg",
    ):
        assert client.get(old).status_code == 404, old


def test_public_url_space_is_untouched(client, imported):
    assert client.get("/").status_code == 200
    assert client.get("/rss/").status_code == 200
    assert client.get(imported.get_absolute_url()).status_code == 200
    assert client.get("/admin/tidak-ada/").status_code in (302, 404)


def test_archived_article_old_address_leads_to_410(client, imported, editor):
    from publishing import workflow

    workflow.unpublish(editor, imported, "Ditarik")
    new = location(client, "/?p=60")
    assert client.get(new).status_code == 410


def test_lookup_is_one_query_then_cached(imported, settings):
    settings.PUBLIC_PAGE_CACHE = True
    key, _page = redirects.legacy_key("/2024/09/02/bimtek-kehumasan/")
    with CaptureQueriesContext(connection) as first:
        assert redirects.lookup(key) == imported.get_absolute_url()
    lookups = [q for q in first.captured_queries if "legacyredirect" in q["sql"]]
    assert len(lookups) == 1
    with CaptureQueriesContext(connection) as second:
        assert redirects.lookup(key) == imported.get_absolute_url()
    assert not [q for q in second.captured_queries if "legacyredirect" in q["sql"]]


def test_old_path_column_is_indexed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'articles_legacyredirect'"
        )
        defs = " ".join(row[0] for row in cursor.fetchall())
    assert "(old_path" in defs


@pytest.mark.django_db(transaction=True)
def test_redirects_over_real_http(live_server, imported):
    class NoFollow(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoFollow)
    for old, expected in (
        ("/?p=60", 301),
        ("/2024/09/bimtek-kehumasan/", 301),
        ("/tidak-ada/", 404),
    ):
        try:
            response = opener.open(live_server.url + old)
            status, headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            status, headers = error.code, error.headers
        assert status == expected, old
        if expected == 301:
            assert headers["Location"] == imported.get_absolute_url()
