"""Announcements on the public site: they appear at their start minute and leave every
list, feed, sitemap, search and the cached home page at their expiry minute, with no
job; the address keeps answering 200 with a notice and noindex.

Time passes by moving this process's clock (django.utils.timezone.now), the same
clock live() and the page cache read: nothing is saved in between."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.portal_pages.helpers import make_announcement

pytestmark = pytest.mark.django_db

PUBLIC_LISTS = ["/", "/pengumuman/", "/pengumuman/rss/", "/pengumuman/atom/"]


def jump(monkeypatch, seconds):
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=seconds))


def shows(client, url, text):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return text in response.content.decode()


def searches(client, item):
    word = item.title.split()[-1]  # the unique number
    return {
        "cari": shows(client, f"/cari/?q=Pengumuman+uji+{word}", item.get_absolute_url()),
        "list": shows(client, f"/pengumuman/?q=uji+{word}", item.get_absolute_url()),
    }


@pytest.mark.parametrize("page_cache", [False, True], ids=["no-cache", "page-cache"])
def test_leaves_everything_at_its_expiry_minute(client, world, settings, monkeypatch, page_cache):
    settings.PUBLIC_PAGE_CACHE = page_cache
    item = make_announcement(world, expires=timezone.now() + timedelta(minutes=10))
    other = make_announcement(world)  # never expires
    url = item.get_absolute_url()
    for page in [*PUBLIC_LISTS, "/sitemap-pengumuman.xml"]:
        assert shows(client, page, url), page
    assert searches(client, item) == {"cari": True, "list": True}
    if page_cache:
        assert client.get("/")["X-Page-Cache"] == "hit"

    jump(monkeypatch, 10 * 60 + 1)  # one second past the expiry minute; nothing saved

    for page in [*PUBLIC_LISTS, "/sitemap-pengumuman.xml"]:
        assert not shows(client, page, url), page
        assert shows(client, "/pengumuman/", other.get_absolute_url())
    assert searches(client, item) == {"cari": False, "list": False}
    assert shows(client, "/", other.get_absolute_url())

    # The address still answers: people share these links.
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="sudah-berakhir"' in html and "sudah berakhir" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert item.title in html


def test_appears_at_its_start_minute(client, world, settings, monkeypatch):
    settings.PUBLIC_PAGE_CACHE = True
    item = make_announcement(world, starts=timezone.now() + timedelta(minutes=5))
    url = item.get_absolute_url()
    assert client.get(url).status_code == 404
    assert not shows(client, "/", url)
    assert not shows(client, "/pengumuman/rss/", url)
    jump(monkeypatch, 5 * 60 + 1)
    assert client.get(url).status_code == 200
    assert shows(client, "/", url)
    assert shows(client, "/pengumuman/rss/", url)


def test_live_page_is_indexable_and_says_until_when(client, world):
    item = make_announcement(world, expires=timezone.now() + timedelta(days=2))
    response = client.get(item.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "noindex" not in html and "X-Robots-Tag" not in response
    assert "berlaku sampai" in html and "sudah-berakhir" not in html


@pytest.mark.parametrize("state", ["draft", "review"])
def test_unpublished_is_not_public(client, world, state):
    item = make_announcement(world, state=state)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert not shows(client, "/pengumuman/", item.title)


def test_unpublished_announcement_is_gone(client, world):
    from publishing import workflow

    item = make_announcement(world)
    workflow.unpublish(world.redaktur, item, "Salah tanggal.")
    assert client.get(item.get_absolute_url()).status_code == 410
    assert not shows(client, "/", item.title)


@pytest.mark.parametrize(
    "query",
    ["%00", "a%00b", "x" * 5000, "%3Cscript%3Ealert(1)%3C/script%3E", "ꦲꦏ꧀ꦱꦫ", "🎉", "' OR 1=1 --"],
)
def test_hostile_search_never_fails(client, world, query):
    make_announcement(world)
    response = client.get(f"/pengumuman/?q={query}")
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999"])
def test_odd_page_numbers(client, world, page):
    make_announcement(world)
    assert client.get(f"/pengumuman/?page={page}").status_code in (200, 404)


def test_body_is_sanitised(client, world):
    item = make_announcement(
        world,
        body='<p onclick="x()">Isi</p><script>alert(1)</script><a href="javascript:x()">a</a>',
    )
    item.refresh_from_db()
    assert "script" not in item.body and "onclick" not in item.body
    assert "javascript" not in item.body
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_saving_an_announcement_drops_the_cached_home(client, world, settings):
    settings.PUBLIC_PAGE_CACHE = True
    item = make_announcement(world)
    assert shows(client, "/", item.title)
    assert client.get("/")["X-Page-Cache"] == "hit"
    from publishing import workflow

    workflow.unpublish(world.redaktur, item, "Dibatalkan.")
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert item.title not in response.content.decode()


def test_attached_document_is_in_use_and_served_on_the_page(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media_library import pipeline
    from media_library.usage import MediaInUse, delete_media, used_by_published

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    doc = pipeline.ingest_document(
        SimpleUploadedFile("formulir.pdf", pdf, "application/pdf"),
        title="Formulir Pendaftaran",
        perangkat_daerah=world.pd,
    )
    item = make_announcement(world, state="draft")
    item.attachments.add(doc)
    from publishing import workflow

    workflow.record_revision(world.penulis, item)  # the revision names the document
    item.attachments.remove(doc)
    with pytest.raises(MediaInUse):
        delete_media(doc)  # only a revision uses it now
    item.attachments.add(doc)
    workflow.submit(world.penulis, item)
    workflow.publish(world.redaktur, item)
    assert used_by_published(doc)
    html = client.get(item.get_absolute_url()).content.decode()
    # Linked through the download view: the file arrives named after its title.
    assert f'href="{doc.get_download_url()}" download>' in html
    assert "Formulir Pendaftaran" in html
    download = client.get(doc.get_download_url())
    assert download["Content-Disposition"] == 'attachment; filename="Formulir Pendaftaran.pdf"'
    assert b"".join(download.streaming_content) == pdf
