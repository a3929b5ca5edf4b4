"""Query budgets of the new public pages: at most 6 queries, the same number with 1 or
20 items (announcements, attachments, sub-pages, nesting). Measured with the page cache
off after one warm-up request (site settings and menu come from the cache as in
production)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from media_library.models import Document
from site_settings.models import MenuItem
from tests.portal_pages.helpers import make_announcement, make_page

pytestmark = pytest.mark.django_db
BUDGET = 6


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False


def count(client, url):
    assert client.get(url).status_code == 200  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def document(n):
    return Document.objects.create(
        file=f"documents/q{n}.pdf",
        title=f"Lampiran {n}",
        kind="pdf",
        content_type="application/pdf",
        file_size=1000 + n,
        content_hash=f"q-{n}",
    )


def test_announcement_pages(client, world):
    first = make_announcement(world)
    first.attachments.add(document(0))
    urls = ["/pengumuman/", first.get_absolute_url(), "/pengumuman/rss/", "/pengumuman/atom/"]
    urls += ["/pengumuman/?q=uji", "/sitemap-pengumuman.xml"]
    small = {url: count(client, url) for url in urls}
    for n in range(1, 20):
        make_announcement(world).attachments.add(document(100 + n))
        first.attachments.add(document(n))
    large = {url: count(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= BUDGET, large


def test_page_pages(client, world):
    MenuItem.objects.create(title="Profil", url="/halaman/profil/")
    root = make_page(world, "profil")
    child = make_page(world, "visi-misi", parent=root)
    leaf = make_page(world, "rincian", parent=child)
    pd_root = make_page(world, "profil", pd=world.pd)
    urls = [
        "/halaman/profil/",
        "/halaman/profil/visi-misi/rincian/",
        pd_root.get_absolute_url(),
        "/sitemap-halaman.xml",
    ]
    assert leaf.get_absolute_url() == "/halaman/profil/visi-misi/rincian/"
    small = {url: count(client, url) for url in urls}
    for n in range(20):
        make_page(world, f"sub-{n}", parent=root)
        make_page(world, f"sub-{n}", parent=child)
        make_page(world, f"pd-{n}", pd=world.pd)
    large = {url: count(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= BUDGET, large


def test_home_with_announcements_stays_in_its_budget(client, world):
    make_announcement(world)
    small = count(client, "/")
    for _ in range(10):
        make_announcement(world)
    assert count(client, "/") == small <= 10
