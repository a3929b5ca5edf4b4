"""Posts, terms and authors of a WXR export become articles through the editorial workflow."""

from datetime import UTC, datetime

import pytest
from taggit.models import Tag

from articles.models import Article, Category
from articles.wordpress.models import ImportResult, WordPressImport
from publishing.models import Transition

from . import wxr

pytestmark = pytest.mark.django_db

GUTENBERG = """<!-- wp:paragraph -->
<p>MATARAM &#8211; Bimbingan Teknis (Bimtek) <strong>strategi komunikasi</strong> berlangsung di Prime Hotel.</p>
<!-- /wp:paragraph -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video"} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure>
<!-- /wp:embed -->

<!-- wp:paragraph -->
<p>"Semua PD harus dilibatkan," jelasnya. <script>alert(1)</script><a href="javascript:alert(1)">klik</a></p>
<!-- /wp:paragraph -->"""


def standard_export(**overrides):
    return wxr.export(
        wxr.author("admin", "Wak Hedir"),
        wxr.category(3, "berita", "Berita & Informasi"),
        wxr.category(4, "kecamatan", "Kecamatan"),
        wxr.category(5, "sangatta", "Sangatta Utara", parent="kecamatan"),
        wxr.tag(7, "bimtek", "Bimtek"),
        wxr.tag(8, "pelayanan-publik", "Pelayanan Publik Çepat 🚀"),
        wxr.post(
            12,
            "Samakan Persepsi &amp; Sinergi: Diskominfo Gelar Bimtek",
            GUTENBERG,
            name="samakan-persepsi-bimtek",
            excerpt="Diskominfo Perstik Kutim menggelar Bimtek kehumasan.",
            categories=[("uncategorized", "Uncategorized"), ("berita", "Berita &amp; Informasi")],
            tags=[("bimtek", "Bimtek"), ("pelayanan-publik", "Pelayanan Publik Çepat 🚀")],
            **overrides,
        ),
    )


def test_published_post_becomes_live_article_via_workflow(run_import, pd, editor):
    run_import(standard_export())
    article = Article.objects.get()
    assert article.title == "Samakan Persepsi & Sinergi: Diskominfo Gelar Bimtek"
    assert article.slug == "samakan-persepsi-bimtek"
    assert article.status == Article.Status.PUBLISHED and article.is_live
    # The original date (GMT in the export) is kept, also as the first publication.
    assert article.published_at == datetime(2024, 9, 2, 6, 11, 22, tzinfo=UTC)
    assert article.first_published_at == article.published_at
    assert article.perangkat_daerah == pd
    assert article.category.name == "Berita & Informasi"
    assert article.lead == "Diskominfo Perstik Kutim menggelar Bimtek kehumasan."
    assert [a.display_name for a in article.authors.all()] == ["Wak Hedir"]
    assert article.authors.get().perangkat_daerah == pd
    # Names pass through unchanged, accents and emoji included.
    assert sorted(article.tags.names()) == ["Bimtek", "Pelayanan Publik Çepat 🚀"]
    # The workflow wrote the log entry naming the import, and a full revision exists.
    log = Transition.objects.get(article=article)
    assert (log.action, log.from_status, log.to_status) == ("publish", "draft", "published")
    assert "WordPress" in log.comment and "#12" in log.comment
    assert log.actor == editor
    revision = article.revisions.get()
    assert revision.content["tags"] == ["Bimtek", "Pelayanan Publik Çepat 🚀"]
    assert article.approved_by == editor


def test_body_is_cleaned_for_our_editor(run_import):
    run_import(standard_export())
    body = Article.objects.get().body
    assert "wp:" not in body and "<!--" not in body
    assert "MATARAM – Bimbingan Teknis" in body  # entity decoded, text kept
    assert '<oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed>' in body
    assert "<script" not in body and "javascript:" not in body and "alert" not in body


def test_nested_categories_are_flattened_with_a_note(run_import):
    run_import(standard_export())
    names = set(Category.objects.values_list("name", flat=True))
    assert {"Berita & Informasi", "Kecamatan", "Sangatta Utara"} <= names
    note = ImportResult.objects.get(kind="category", wp_id=5).message
    assert "kecamatan" in note and "diratakan" in note.lower()


@pytest.mark.parametrize(
    ("wp_status", "date_gmt", "expected_status", "live"),
    [
        ("publish", "2024-09-02 06:11:22", "published", True),
        ("future", "2099-01-01 01:00:00", "published", False),
        ("draft", "0000-00-00 00:00:00", "draft", False),
    ],
)
def test_status_mapping(run_import, wp_status, date_gmt, expected_status, live):
    run_import(standard_export(status=wp_status, date_gmt=date_gmt))
    article = Article.objects.get()
    assert article.status == expected_status
    assert article.is_live is live
    assert Article.objects.live().exists() is live


def test_pending_post_goes_to_review_or_stays_draft_with_the_reason(run_import):
    # Incomplete (no featured image): the workflow refuses review, the report says why.
    run_import(standard_export(status="pending"))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    result = ImportResult.objects.get(kind="post")
    assert result.outcome == "imported"
    assert "foto utama" in result.message.lower()


@pytest.mark.parametrize(
    ("status", "post_type", "reason"),
    [
        ("private", "post", "berstatus pribadi"),
        ("trash", "post", "di tempat sampah"),
        ("private", "page", "berstatus pribadi"),
        ("trash", "page", "di tempat sampah"),
        ("publish", "nav_menu_item", "jenis wordpress “butir menu”"),
    ],
)
def test_not_imported_items_are_reported(run_import, status, post_type, reason):
    run_import(wxr.export(wxr.post(20, "Rahasia", "<p>x</p>", status=status, post_type=post_type)))
    assert not Article.objects.exists()
    result = ImportResult.objects.get(wp_id=20)
    assert result.outcome == "skipped"
    assert reason in result.message.lower()


def test_classic_editor_text_gets_paragraphs_and_shortcodes(run_import):
    content = (
        "Paragraf pertama dengan é.\nBaris kedua.\n\n"
        '[caption id="attachment_9" align="alignnone" width="300"]<img src="https://elsewhere.example/x.jpg" alt="x"> '
        "Kepala Dinas memberi sambutan[/caption]\n\n"
        "https://youtu.be/dQw4w9WgXcQ\n\n"
        "[embed]https://vimeo.com/123456[/embed]\n\n"
        '[contact-form-7 id="5"]Teks [b]tebal[/b] tetap.'
    )
    run_import(wxr.export(wxr.post(30, "Klasik", content)))
    article = Article.objects.get()
    body = article.body
    # The first paragraph became the lead and left the body (not shown twice).
    assert article.lead == "Paragraf pertama dengan é. Baris kedua."
    assert "Paragraf pertama" not in body
    assert "Kepala Dinas memberi sambutan" in body and "[caption" not in body
    assert '<oembed url="https://youtu.be/dQw4w9WgXcQ"></oembed>' in body
    assert '<oembed url="https://vimeo.com/123456"></oembed>' in body
    assert "[" not in body and "Teks tebal tetap." in body
    # An image that is not ours is not kept (our sanitiser allows only our own media).
    assert "elsewhere.example" not in body


def test_run_is_recorded_with_counts(run_import):
    out = run_import(standard_export())
    run = WordPressImport.objects.get()
    # Terms count as items too: the counter ends where the report's rows do.
    assert run.state == "done" and run.total == run.processed == run.results.count() == 6
    assert run.site == "lama.kutaitimurkab.go.id"
    assert "diimpor: 6" in out  # 1 post, 3 categories, 2 tags


def test_tag_names_with_any_characters_pass_through(run_import):
    run_import(standard_export())
    assert Tag.objects.filter(name="Pelayanan Publik Çepat 🚀").exists()


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_and_cdata_edge(run_import, version):
    content = "<p>Kode: a]]>b &amp; “kutipan” — Rp1.000</p>"
    run_import(wxr.export(wxr.post(70, "Versi &#8220;WXR&#8221;", content), version=version))
    article = Article.objects.get()
    assert article.title == "Versi “WXR”"
    assert "a]]&gt;b &amp; “kutipan” — Rp1.000" in article.body


def test_report_file_from_the_command(run_import, tmp_path):
    import csv

    report = tmp_path / "hasil.csv"
    run_import(standard_export(), "--report", str(report))
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    post_row = next(r for r in rows if r["jenis"] == "berita")
    assert post_row["hasil"] == "diimpor" and post_row["alamat baru"].startswith("/berita/")


def test_writer_credit_typed_into_the_body_becomes_the_byline(run_import):
    content = (
        "Dengan adanya Bimtek ini, diharapkan setiap PD lebih bersinergi.\n\n"
        "Penulis : Wak Hedir\n\n"
        "#Footnote\nKabupaten Kutai Timur adalah salah satu kabupaten di Kalimantan Timur."
    )
    run_import(wxr.export(wxr.author("admin", "Admin Berita"), wxr.post(80, "Kredit", content)))
    article = Article.objects.get()
    assert "Penulis" not in article.body and "Wak Hedir" not in article.body
    assert "bersinergi" in article.lead and "bersinergi" not in article.body
    assert [a.display_name for a in article.authors.all()] == ["Wak Hedir"]
