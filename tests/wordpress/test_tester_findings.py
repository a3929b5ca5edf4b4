"""What an outside tester found in the WordPress import (issue 13, second round):
each test imports a WXR file built with wxr.py through the real command."""

import csv

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.models import Article, Category
from articles.wordpress.models import WordPressImport
from media_library.models import Document
from publishing import revisions

from . import wxr
from .test_media import uploads  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
SITE = wxr.SITE


def last_run():
    return WordPressImport.objects.order_by("-pk").first()


def photo_export(status="publish"):
    body = (
        "<p>Banjir merendam dua desa di Sangatta Selatan sejak Senin pagi.</p>"
        f'<p><img src="{SITE}/wp-content/uploads/2024/09/WhatsApp-Image-2024-09-02-at-14.11.22-300x200.jpeg" '
        'alt="Banjir"></p>'
        "<p>Warga mengungsi ke balai desa.</p>"
    )
    return wxr.export(
        wxr.category(3, "berita", "Berita"),
        wxr.attachment(
            41, "2024/09/WhatsApp-Image-2024-09-02-at-14.11.22.jpeg", alt="Banjir di desa"
        ),
        wxr.attachment(42, "2024/09/copy-of-the-same.jpg", alt="Salinan"),  # same picture
        wxr.post(
            50,
            "Banjir Sangatta",
            body,
            status=status,
            meta={"_thumbnail_id": "41"},
            categories=[("berita", "Berita")],
        ),
    )


def test_dry_run_predicts_the_real_run_and_says_nothing_was_saved(run_import, uploads):  # noqa: F811
    out = run_import(photo_export(status="pending"), "--dry-run", uploads=uploads)
    dry = last_run()
    dry_rows = {(r.kind, r.wp_id): (r.outcome, r.message) for r in dry.results.all()}
    assert not Article.objects.exists()
    assert out.splitlines()[-1].startswith("Uji coba: tidak ada yang disimpan.")
    assert "akan diimpor: 4" in out
    assert "foto utama" not in out and "tidak ditemukan" not in out
    run_import(photo_export(status="pending"), uploads=uploads)
    real = last_run()
    real_rows = {(r.kind, r.wp_id): (r.outcome, r.message) for r in real.results.all()}
    assert dry_rows == real_rows  # the same outcome and note for every item
    assert Article.objects.get().status == "review"


def test_dry_run_report_file_says_would_be_imported(run_import, uploads, tmp_path):  # noqa: F811
    report = tmp_path / "uji.csv"
    run_import(photo_export(), "--dry-run", "--report", str(report), uploads=uploads)
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert {r["hasil"] for r in rows} == {"akan diimpor"}
    assert {r["jenis"] for r in rows} == {"kategori", "lampiran", "berita"}
    assert any(r["pesan"] == "gambar yang sama sudah ada di pustaka media" for r in rows)


def test_first_paragraph_becomes_the_lead_once(run_import):
    body = "<p>Paragraf pembuka berita.</p>\n<p>Paragraf kedua.</p>"
    run_import(wxr.export(wxr.post(1, "Satu", body)))
    article = Article.objects.get()
    assert article.lead == "Paragraf pembuka berita."
    assert "Paragraf pembuka" not in article.body and "Paragraf kedua." in article.body


def test_a_lone_paragraph_with_a_link_stays_in_the_body(run_import):
    body = '<p>Lihat <a href="https://kutaitimurkab.go.id/">situs resmi</a>.</p>'
    run_import(wxr.export(wxr.post(1, "Satu", body)))
    article = Article.objects.get()
    assert "situs resmi" in article.body and article.lead == "Lihat situs resmi."


def test_credit_line_splits_writer_and_photo_credit(run_import, uploads):  # noqa: F811
    body = (
        "<p>Banjir merendam dua desa.</p><p>Warga mengungsi.</p>"
        "<p><strong>Penulis : Ahmad Yani / Foto: BPBD Kutim</strong></p>"
    )
    export = wxr.export(
        wxr.attachment(41, "2024/09/WhatsApp-Image-2024-09-02-at-14.11.22.jpeg", alt="Banjir"),
        wxr.post(50, "Banjir", body, meta={"_thumbnail_id": "41"}),
        wxr.post(51, "Tanpa foto", "<p>Isi.</p><p>Lagi.</p><p>Pewarta: Sri / Foto: Humas</p>"),
    )
    run_import(export, uploads=uploads)
    article = Article.objects.get(title="Banjir")
    assert [a.display_name for a in article.authors.all()] == ["Ahmad Yani"]
    assert article.featured_image.credit == "BPBD Kutim"
    assert "BPBD" not in article.body
    # Without a featured image the photo credit stays as text, never in a byline.
    other = Article.objects.get(title="Tanpa foto")
    assert [a.display_name for a in other.authors.all()] == ["Sri"]
    assert "Foto: Humas" in other.body


def test_indonesian_messages_and_decoded_entities(run_import):
    export = wxr.export(
        wxr.category(4, "pariwisata-budaya", "Pariwisata &amp; Budaya"),
        wxr.post(20, "Rahasia", "<p>x</p>", status="private"),
        wxr.post(21, "Menu", "", post_type="nav_menu_item"),
        wxr.post(
            22,
            "Wisata &amp; Budaya",
            "<p>a</p><p>b</p>",
            categories=[("pariwisata-budaya", "Pariwisata &amp; Budaya")],
        ),
    )
    out = run_import(export)
    assert Category.objects.filter(name="Pariwisata & Budaya").exists()
    assert "&amp;" not in out and "“private”" not in out and "nav_menu_item" not in out
    rows = {r.wp_id: r for r in last_run().results.all()}
    assert rows[4].title == "Pariwisata & Budaya"
    assert rows[20].message == "tulisan berstatus pribadi tidak diimpor"
    assert rows[21].message == "jenis WordPress “butir menu” tidak diimpor"
    assert str(rows[21]) == "butir menu 21: dilewati"


def test_uncategorized_goes_to_the_default_category(run_import):
    Category.objects.create(name="Berita", slug="berita", order=1)
    export = wxr.export(
        wxr.category(1, "uncategorized", "Uncategorized"),
        wxr.post(
            5, "Tanpa kategori", "<p>a</p><p>b</p>", categories=[("uncategorized", "Uncategorized")]
        ),
    )
    run_import(export)
    assert not Category.objects.filter(name__in=["Uncategorized", "Tak Berkategori"]).exists()
    assert Article.objects.get().category.slug == "berita"
    row = last_run().results.get(kind="category")
    assert row.outcome == "skipped" and "“Berita”" in row.message


def test_counters_match_the_report(run_import):
    export = wxr.export(
        wxr.category(3, "berita", "Berita"),
        wxr.tag(7, "bimtek", "Bimtek"),
        *(
            wxr.post(n, f"Berita {n}", "<p>a</p><p>b</p>", tags=[("bimtek", "Bimtek")])
            for n in range(1, 6)
        ),
    )
    run_import(export)
    run = last_run()
    assert run.processed == run.total == run.results.count() == 7


def test_limit_means_posts_with_what_they_need(run_import, uploads):  # noqa: F811
    export = wxr.export(
        wxr.category(3, "berita", "Berita"),
        wxr.category(4, "lain", "Lain"),
        wxr.tag(7, "bimtek", "Bimtek"),
        wxr.tag(8, "tak-dipakai", "Tak dipakai"),
        wxr.attachment(41, "2024/09/WhatsApp-Image-2024-09-02-at-14.11.22.jpeg", alt="Foto"),
        wxr.attachment(42, "2024/09/copy-of-the-same.jpg", alt="Salinan"),
        wxr.post(
            50,
            "Pertama",
            "<p>a</p><p>b</p>",
            meta={"_thumbnail_id": "41"},
            categories=[("berita", "Berita")],
            tags=[("bimtek", "Bimtek")],
        ),
        wxr.post(
            51,
            "Kedua",
            "<p>a</p><p>b</p>",
            meta={"_thumbnail_id": "42"},
            categories=[("lain", "Lain")],
        ),
    )
    run_import(export, "--limit", "1", uploads=uploads)
    assert list(Article.objects.values_list("title", flat=True)) == ["Pertama"]
    assert Article.objects.get().featured_image is not None
    run = last_run()
    kinds = sorted((r.kind, r.wp_id) for r in run.results.all())
    assert kinds == [("attachment", 41), ("category", 3), ("post", 50), ("tag", 7)]
    assert run.state == "done" and run.processed == run.total == 4
    assert not Tag.objects.filter(name="Tak dipakai").exists()


def test_unchanged_bylines_are_not_reported_as_changed(run_import):
    def export(title, modified):
        return wxr.export(
            wxr.author("admin", "Wak Hedir"),
            wxr.post(1, title, "<p>a</p><p>b</p>", status="draft", modified=modified),
        )

    run_import(export("Judul satu", "2024-09-02 14:11:22"))
    run_import(export("Judul dua", "2024-09-03 10:00:00"))
    article = Article.objects.get()
    first, second = article.revisions.order_by("pk")
    labels = revisions.changed_labels(article, first.content, second.content)
    assert labels == ["judul"]


def test_linked_documents_come_along_and_dead_links_are_reported(run_import, uploads):  # noqa: F811
    (uploads / "2024/09/formulir.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    body = (
        f'<p>Unduh <a href="{SITE}/wp-content/uploads/2024/09/formulir.pdf">formulir</a>.</p>'
        f'<p>Juga <a href="{SITE}/wp-content/uploads/2024/09/hilang.docx">lampiran</a>.</p>'
        f'<p><img src="{SITE}/wp-content/uploads/2024/09/not-a-photo.jpg" alt="x"></p>'
        f'<p><img src="{SITE}/wp-content/uploads/2024/09/tidak-ada.jpg" alt="y"></p>'
        "<p>Selesai.</p>"
    )
    run_import(wxr.export(wxr.post(1, "Dokumen", body)), uploads=uploads)
    article = Article.objects.get()
    document = Document.objects.get()
    assert f'href="{document.get_download_url()}"' in article.body
    message = last_run().results.get(kind="post").message
    assert "hilang.docx" in message
    assert "ditolak" in message and "not-a-photo.jpg" in message
    assert "tidak ditemukan di uploads: tidak-ada.jpg" in message
    assert "<p></p>" not in article.body and "<img" not in article.body


@pytest.fixture
def old_site(run_import):
    Category.objects.create(name="Berita", slug="berita", order=1)
    export = wxr.export(
        wxr.author("wakhedir", "Wak Hedir"),
        wxr.category(9, "ekonomi", "Ekonomi"),
        wxr.tag(7, "bimtek-2024", "Bimtek"),
        wxr.post(
            60,
            "Bimtek Kehumasan",
            "<p>a</p><p>b</p>",
            name="bimtek-kehumasan",
            creator="wakhedir",
            categories=[("ekonomi", "Ekonomi")],
            tags=[("bimtek-2024", "Bimtek")],
        ),
    )
    run_import(export)
    return Article.objects.get()


def location(client, path):
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_more_old_address_forms(client, old_site):
    author = old_site.authors.get()
    category = Category.objects.get(name="Ekonomi")
    assert location(client, "/feed/atom/") == "/rss/"
    assert location(client, "/feed/rss2/") == "/rss/"
    assert location(client, "/tag/bimtek-2024/feed/") == "/rss/"
    assert location(client, "/author/wakhedir/") == f"/penulis/{author.slug}/"
    assert location(client, "/2024/09/") == "/arsip/2024/9/"
    assert location(client, "/bimtek-kehumasan/amp/") == old_site.get_absolute_url()
    assert location(client, "/?s=banjir+sangatta") == "/cari/?q=banjir+sangatta"
    assert location(client, "/?cat=9") == f"/kategori/{category.slug}/"
    assert location(client, "/?tag=bimtek-2024") == "/tag/bimtek-2024/"
    for unknown in ("/?cat=999", "/?tag=tidak-ada", "/author/siapa/", "/2024/13/"):
        assert client.get(unknown).status_code == 404, unknown


def test_command_lists_valid_slugs_and_speaks_indonesian(pd, capsys):
    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", "x.xml", "--pd", "diskominfo")
    assert f"Slug yang ada: {pd.slug}" in str(error.value)
    with pytest.raises(SystemExit):
        call_command("import_wordpress", "--help")
    text = capsys.readouterr().out
    assert "paling banyak N tulisan (dan halaman)" in text and "Periksa semuanya" in text
