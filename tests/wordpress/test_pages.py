"""WordPress pages become our pages (Halaman) of the chosen agency: through the publishing
core, parents kept (at most three levels), old addresses answering 301, re-runs
idempotent and live pages changed only through a logged proposal and approval."""

import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.wordpress.models import ImportResult, LegacyRedirect, WordPressImport, WordPressItem
from pages.models import Page
from publishing.models import Revision, Transition

from . import wxr
from .test_media import uploads  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

S = Page.Status
ORIGINAL = datetime(2024, 9, 2, 6, 11, 22, tzinfo=UTC)


def results(kind="page"):
    run = WordPressImport.objects.order_by("-pk").first()
    return {r.wp_id: r for r in run.results.filter(kind=kind)}


def site_pages():
    return wxr.export(
        # The child comes before its parent in the file.
        wxr.page(11, "Visi dan Misi", name="visi-misi", path="profil/visi-misi", parent=10),
        wxr.page(10, "Profil", "<p>Tentang dinas</p>", name="profil", menu_order=2),
        wxr.page(12, "Kontak", "<p>Alamat</p>", name="kontak", menu_order=1),
        wxr.page(13, "Rancangan", "<p>Belum</p>", name="rancangan", status="draft"),
        wxr.page(14, "Diperiksa", "<p>Siap</p>", name="diperiksa", status="pending"),
        wxr.page(15, "Rahasia", "<p>x</p>", name="rahasia", status="private"),
        wxr.page(16, "Dibuang", "<p>x</p>", name="dibuang", status="trash"),
    )


def test_pages_become_pages_of_the_agency_through_the_publishing_core(run_import, pd, editor):
    run_import(site_pages())
    assert not Article.objects.exists()
    pages = {p.title: p for p in Page.objects.select_related("parent")}
    assert set(pages) == {"Visi dan Misi", "Profil", "Kontak", "Rancangan", "Diperiksa"}
    assert {p.perangkat_daerah for p in pages.values()} == {pd}
    profil, visi = pages["Profil"], pages["Visi dan Misi"]
    assert visi.parent == profil and profil.parent is None
    assert (profil.order, pages["Kontak"].order) == (2, 1)
    assert profil.is_live and profil.published_at == ORIGINAL
    assert visi.get_absolute_url() == f"/pd/{pd.slug}/profil/visi-misi/"
    assert pages["Rancangan"].status == S.DRAFT
    assert pages["Diperiksa"].status == S.REVIEW
    assert profil.summary == "Tentang dinas"
    for page in pages.values():
        [revision] = page.revisions.all()
        assert revision.content["title"] == page.title
        assert revision.created_by == editor
    publish = profil.transitions.get()
    assert publish.action == "publish" and publish.actor == editor
    assert "WordPress" in publish.comment and "#10" in publish.comment
    rows = results()
    assert {wp_id: r.outcome for wp_id, r in rows.items()} == {
        10: "imported",
        11: "imported",
        12: "imported",
        13: "imported",
        14: "imported",
        15: "skipped",
        16: "skipped",
    }
    assert "pribadi" in rows[15].message and "sampah" in rows[16].message
    assert rows[11].url == visi.get_absolute_url()
    assert rows[10].message == ""


def test_old_addresses_answer_301_and_follow_a_later_move(client, run_import, pd):
    run_import(site_pages())
    profil, visi = Page.objects.get(slug="profil"), Page.objects.get(slug="visi-misi")
    for old in ("/?page_id=11", "/?p=11", "/profil/visi-misi/", "/visi-misi/", "/PROFIL/Visi-Misi"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == f"/pd/{pd.slug}/profil/visi-misi/", old
    assert client.get(f"/pd/{pd.slug}/profil/visi-misi/").status_code == 200
    assert client.get("/?page_id=10")["Location"] == f"/pd/{pd.slug}/profil/"
    # A draft's old address is not revealed; an unknown one stays 404.
    for old in ("/?page_id=13", "/rancangan/", "/?page_id=15", "/rahasia/", "/?page_id=99"):
        assert client.get(old).status_code == 404, old
    # Renamed and moved to the top level later: the old addresses follow.
    visi.slug, visi.parent = "visi", None
    visi.save()
    assert client.get("/profil/visi-misi/")["Location"] == f"/pd/{pd.slug}/visi/"
    profil.slug = "tentang"
    profil.save()
    assert client.get("/?page_id=10")["Location"] == f"/pd/{pd.slug}/tentang/"


@pytest.mark.django_db(transaction=True)
def test_old_page_addresses_over_real_http(live_server, run_import, pd):
    run_import(site_pages())

    class NoFollow(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoFollow)
    new = f"/pd/{pd.slug}/profil/visi-misi/"
    for old, status in (("/?page_id=11", 301), ("/profil/visi-misi/", 301), ("/tidak/", 404)):
        try:
            response = opener.open(live_server.url + old)
            got, headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            got, headers = error.code, error.headers
        assert got == status, old
        if status == 301:
            assert headers["Location"] == new
    assert urllib.request.urlopen(live_server.url + new).status == 200


def test_deeper_than_three_levels_is_attached_at_level_three(client, run_import, pd):
    run_import(
        wxr.export(
            wxr.page(25, "E", name="e", path="a/b/c/d/e", parent=24),
            wxr.page(24, "D", name="d", path="a/b/c/d", parent=23),
            wxr.page(23, "C", name="c", path="a/b/c", parent=22),
            wxr.page(22, "B", name="b", path="a/b", parent=21),
            wxr.page(21, "A", name="a"),
        )
    )
    b = Page.objects.get(title="B")
    for title in ("C", "D", "E"):
        assert Page.objects.get(title=title).parent == b
    rows = results()
    assert rows[23].message == ""
    assert "5" in rows[25].message and "3" in rows[25].message
    assert "4" in rows[24].message and "tingkat" in rows[24].message
    d = Page.objects.get(title="D")
    assert d.get_absolute_url() == f"/pd/{pd.slug}/a/b/d/"
    assert client.get("/a/b/c/d/")["Location"] == d.get_absolute_url()
    assert client.get(d.get_absolute_url()).status_code == 200


def test_missing_parent_and_clashing_or_reserved_slugs(run_import, pd):
    Page.objects.create(title="Profil lama", slug="profil", perangkat_daerah=pd)
    run_import(
        wxr.export(
            wxr.page(31, "Profil", name="profil"),
            wxr.page(32, "Umpan", name="rss"),
            wxr.page(33, "Anak yatim", name="anak", parent=30),  # parent is not in the export
            wxr.page(35, "Anak rahasia", name="anak-2", parent=34),
            wxr.page(34, "Induk rahasia", name="induk", status="private"),
        )
    )
    rows = results()
    assert Page.objects.get(title="Profil").slug == "profil-2"
    assert "profil-2" in rows[31].message
    assert Page.objects.get(title="Umpan").slug == "rss-2"  # /pd/<slug>/rss/ is the feed
    assert Page.objects.get(title="Anak yatim").parent is None
    orphan = Page.objects.get(title="Anak rahasia")
    assert orphan.parent is None and "#34" in rows[35].message


def test_non_ascii_titles(run_import, pd):
    run_import(
        wxr.export(
            wxr.page(41, "Profil Dinas — Kominfo “Kutim” ✓", name="%e2%80%9cprofil%e2%80%9d-dinas"),
            wxr.page(42, "☕🌺", name=""),
            wxr.page(43, "Sejarah &amp; Budaya Dayak Kenyah", name="sejarah-budaya"),
        )
    )
    assert Page.objects.get(pk=WordPressItem.objects.get(wp_id=41).object_id).title == (
        "Profil Dinas — Kominfo “Kutim” ✓"
    )
    assert Page.objects.get(title="Profil Dinas — Kominfo “Kutim” ✓").slug == "profil-dinas"
    assert Page.objects.get(title="☕🌺").slug == "halaman"
    assert Page.objects.filter(title="Sejarah & Budaya Dayak Kenyah").exists()
    assert all(r.outcome == "imported" for r in results().values())


def test_body_is_cleaned_like_a_post_body_and_links_are_rewritten(run_import, uploads, pd):  # noqa: F811
    image = (
        f"{wxr.SITE}/wp-content/uploads/2024/09/WhatsApp-Image-2024-09-02-at-14.11.22-300x200.jpeg"
    )
    body = (
        '<!-- wp:paragraph --><p>Lihat <a href="' + wxr.SITE + '/?p=60">berita</a>, '
        '<a href="' + wxr.SITE + '/kontak/">kontak</a>.</p><!-- /wp:paragraph -->'
        f'<p><img src="{image}" alt="Peserta"></p><script>alert(1)</script>'
        "\n\nhttps://youtu.be/dQw4w9WgXcQ\n"
    )
    run_import(
        wxr.export(
            wxr.attachment(41, "2024/09/WhatsApp-Image-2024-09-02-at-14.11.22.jpeg", alt="Peserta"),
            wxr.page(51, "Tentang", body, name="tentang"),
            wxr.post(
                60, "Berita", f'<p><a href="{wxr.SITE}/?page_id=52">Kontak</a></p>', name="berita"
            ),
            wxr.page(52, "Kontak", name="kontak"),
        ),
        uploads=uploads,
    )
    page = Page.objects.get(title="Tentang")
    kontak = Page.objects.get(title="Kontak")
    article = Article.objects.get()
    assert "wp:paragraph" not in page.body and "<script" not in page.body
    assert f'href="{article.get_absolute_url()}"' in page.body
    assert f'href="{kontak.get_absolute_url()}"' in page.body
    assert "/media/" in page.body and "wp-content" not in page.body
    assert '<oembed url="https://youtu.be/dQw4w9WgXcQ"></oembed>' in page.body
    # The post came before any page was imported: its link is fixed in the last pass.
    assert f'href="{kontak.get_absolute_url()}"' in article.body


def test_rerun_skips_unchanged_pages_and_updates_changed_ones(run_import, editor):
    run_import(site_pages())
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        Transition.objects.count(),
        LegacyRedirect.objects.count(),
        WordPressItem.objects.count(),
    )
    run_import(site_pages(), name="again.xml")
    assert {r.outcome for wp_id, r in results().items() if wp_id <= 14} == {"skipped"}
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        Transition.objects.count(),
        LegacyRedirect.objects.count(),
        WordPressItem.objects.count(),
    ) == counts
    changed = wxr.export(
        # Edited in WordPress: post_modified moves.
        wxr.page(
            10,
            "Profil Dinas",
            "<p>Tentang dinas, baru</p>",
            name="profil",
            menu_order=5,
            modified="2024-09-03 10:00:00",
        ),
        wxr.page(
            13,
            "Rancangan kedua",
            "<p>Masih draf</p>",
            name="rancangan",
            status="draft",
            modified="2024-09-03 10:00:00",
        ),
    )
    run_import(changed, name="changed.xml")
    assert {r.outcome for r in results().values()} == {"updated"}
    profil = Page.objects.get(slug="profil")
    assert (profil.title, profil.order, profil.status) == ("Profil Dinas", 5, S.PUBLISHED)
    # Live: changed only through a proposal approved by the importing user, logged.
    approval = profil.transitions.get(action="approve_revision")
    assert approval.actor == editor and "WordPress" in approval.comment
    assert profil.live_revision.state == Revision.State.APPROVED
    assert profil.live_revision.content["body"] == "<p>Tentang dinas, baru</p>"
    assert profil.published_at == ORIGINAL  # a re-run does not re-date a live page
    draft = Page.objects.get(slug="rancangan")
    assert draft.title == "Rancangan kedua" and draft.status == S.DRAFT
    assert draft.revisions.count() == 2 and not draft.transitions.exists()
    assert Page.objects.count() == counts[0]


def test_dry_run_writes_no_page(run_import):
    out = run_import(site_pages(), "--dry-run")
    assert not Page.objects.exists() and not LegacyRedirect.objects.exists()
    assert not WordPressItem.objects.exists() and not Revision.objects.exists()
    rows = ImportResult.objects.filter(kind="page")
    assert rows.filter(outcome="imported").count() == 5
    assert not rows.filter(message__contains="#").exists()  # no "parent not imported"
    assert "diimpor: 5" in out


def test_limit_counts_pages_where_they_stand(run_import):
    run_import(
        wxr.export(
            wxr.page(1, "Satu", name="satu"),
            wxr.post(2, "Dua", "<p>x</p>"),
            wxr.page(3, "Tiga", name="tiga"),
        ),
        "--limit",
        "2",
    )
    assert list(Page.objects.values_list("title", flat=True)) == ["Satu"]
    assert Article.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_pages_with_two_processes(run_import):
    items = [wxr.post(i, f"Berita {i}", "<p>x</p>") for i in range(1, 21)]
    items += [wxr.page(100, "Induk", name="induk")]
    items += [
        wxr.page(100 + i, f"Anak {i}", name=f"anak-{i}", path=f"induk/anak-{i}", parent=100)
        for i in range(1, 6)
    ]
    run_import(wxr.export(*items), "--jobs", "2")
    run = WordPressImport.objects.get()
    assert run.state == "done" and run.processed == run.total == 26
    assert Page.objects.filter(parent__title="Induk").count() == 5
    run_import(wxr.export(*items), "--jobs", "2", name="again.xml")
    assert Page.objects.count() == 6 and Article.objects.count() == 20


def test_query_budget_per_page(run_import):
    """Each further page costs a fixed number of queries, like a post."""

    def pages(first, count):
        return [
            wxr.page(
                i,
                f"Halaman {i}",
                f'<p>Isi <a href="{wxr.SITE}/?page_id={i - 1}">sebelumnya</a></p>',
                name=f"halaman-{i}",
                parent=first - 1,
                path=f"induk-{first - 1}/halaman-{i}",
            )
            for i in range(first, first + count)
        ]

    def parent(wp_id):
        return wxr.page(wp_id, f"Induk {wp_id}", name=f"induk-{wp_id}")

    run_import(wxr.export(parent(0), *pages(1, 5)))  # warm caches
    with CaptureQueriesContext(connection) as ten:
        run_import(wxr.export(parent(99), *pages(100, 10)), name="ten.xml")
    with CaptureQueriesContext(connection) as thirty:
        run_import(wxr.export(parent(199), *pages(200, 30)), name="thirty.xml")
    assert Page.objects.filter(parent__title="Induk 199").count() == 30
    per_page = (len(thirty) - len(ten)) / 20
    # As for a post (see test_query_budget_per_post), plus the free-slug lookup.
    assert per_page <= 16, per_page
