"""Pages on the public site: nested addresses, breadcrumbs, per-PD pages, and the
rules that keep addresses unambiguous."""

import pytest

from publishing import workflow
from tests.portal_pages.helpers import make_page

pytestmark = pytest.mark.django_db


def test_nested_addresses_and_breadcrumbs(client, world):
    root = make_page(world, "profil", title="Profil")
    child = make_page(world, "visi-misi", parent=root, title="Visi & Misi")
    make_page(world, "struktur", parent=root, title="Struktur Organisasi", order=1)
    assert child.get_absolute_url() == "/halaman/profil/visi-misi/"
    html = client.get("/halaman/profil/visi-misi/").content.decode()
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert '<a href="/halaman/profil/">Profil</a>' in crumbs
    assert '<span aria-current="page">Visi &amp; Misi</span>' in crumbs
    parent_html = client.get("/halaman/profil/").content.decode()
    assert '<a href="/halaman/profil/struktur/">Struktur Organisasi</a>' in parent_html
    assert '<a href="/halaman/profil/visi-misi/">Visi &amp; Misi</a>' in parent_html


def test_pd_pages_live_under_the_agency(client, world):
    profil = make_page(world, "profil", pd=world.pd, title="Profil Dinas")
    make_page(world, "kontak", pd=world.pd, title="Kontak Dinas")
    url = f"/pd/{world.pd.slug}/profil/"
    assert profil.get_absolute_url() == url
    html = client.get(url).content.decode()
    assert "Profil Dinas" in html and f'href="/pd/{world.pd.slug}/kontak/"' in html
    assert f'href="/pd/{world.pd.slug}/"' in html  # back to the agency's news
    # Not under another agency, not as a site page; the agency's feeds still work.
    assert client.get(f"/pd/{world.other_pd.slug}/profil/").status_code == 404
    assert client.get("/halaman/profil/").status_code == 404
    assert client.get(f"/pd/{world.pd.slug}/rss/").status_code == 200


def test_unpublished_parent_hides_its_children(client, world):
    root = make_page(world, "profil")
    make_page(world, "visi-misi", parent=root)
    workflow.unpublish(world.redaktur, root, "Ditata ulang.")
    # Withdrawn, like every other type: 410 Gone for it and the pages under it (QA).
    assert client.get("/halaman/profil/").status_code == 410
    assert client.get("/halaman/profil/visi-misi/").status_code == 410
    assert client.get("/halaman/profil/tidak-ada/").status_code == 404
    assert "visi-misi" not in client.get("/sitemap-halaman.xml").content.decode()


def test_a_withdrawn_agency_page_is_gone_and_a_restored_draft_is_missing(client, world):
    page = make_page(world, "kontak", pd=world.pd)
    workflow.unpublish(world.redaktur, page, "Nomor lama.")
    assert client.get(f"/pd/{world.pd.slug}/kontak/").status_code == 410
    assert client.get(f"/pd/{world.other_pd.slug}/kontak/").status_code == 404
    workflow.restore(world.redaktur, page)
    assert client.get(f"/pd/{world.pd.slug}/kontak/").status_code == 404


def test_draft_and_scheduled_pages_are_not_public(client, world):
    make_page(world, "draf", state="draft")
    assert client.get("/halaman/draf/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/halaman/a/b/c/d/", "/halaman/%00/", "/halaman/ꦲꦏ꧀ꦱꦫ/", "/halaman/..%2F..%2Fetc/", "/pd/x/y/"],
)
def test_odd_addresses_answer_404(client, world, path):
    assert client.get(path).status_code == 404


def test_sitemap_lists_live_pages_with_full_paths(client, world):
    root = make_page(world, "profil")
    make_page(world, "visi-misi", parent=root)
    make_page(world, "kontak", pd=world.pd)
    make_page(world, "rahasia", state="draft")
    xml = client.get("/sitemap-halaman.xml").content.decode()
    assert "/halaman/profil/visi-misi/</loc>" in xml
    assert f"/pd/{world.pd.slug}/kontak/</loc>" in xml
    assert "rahasia" not in xml
    assert "/sitemap-halaman.xml" in client.get("/sitemap.xml").content.decode()


def test_agency_news_page_links_its_pages(client, world):
    make_page(world, "profil", pd=world.pd, title="Profil Dinas")
    make_page(world, "kontak", pd=world.pd, title="Kontak Dinas", state="draft")
    html = client.get(f"/pd/{world.pd.slug}/").content.decode()
    nav = html.split('id="halaman-pd"')[1].split("</nav>")[0]
    assert f'<a href="/pd/{world.pd.slug}/profil/">Profil Dinas</a>' in nav
    assert "Kontak Dinas" not in nav
    # a PD without pages still links its agenda and documents, never another PD's pages
    other = client.get(f"/pd/{world.other_pd.slug}/").content.decode()
    other_nav = other.split('id="halaman-pd"')[1].split("</nav>")[0]
    assert f"/agenda/pd/{world.other_pd.slug}/" in other_nav
    assert "Profil Dinas" not in other_nav and world.pd.slug not in other_nav
