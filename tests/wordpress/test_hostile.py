"""Hostile or broken exports (issue 13, outside attacker's findings): nothing leaks,
nothing crosses sites, one bad item never stops the run, the run never hangs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from articles.wordpress import importer
from articles.wordpress.models import ImportResult, WordPressImport
from authors.models import Author
from perangkat_daerah.roles import ADMINISTRATOR
from tests.factories import make_pd, make_user
from tests.media import files

from . import wxr

pytestmark = pytest.mark.django_db

SITE_C = "https://sitec.example.org"
EMPTY_PASSWORD = b"<wp:post_password><![CDATA[]]></wp:post_password>"


def result(wp_id):
    return ImportResult.objects.get(wp_id=wp_id)


def test_password_protected_post_becomes_a_draft_never_public(run_import, client):
    xml = wxr.export(wxr.post(7, "Rahasia", "<p>Isi terlindung kata sandi</p>", name="rahasia"))
    run_import(xml.replace(EMPTY_PASSWORD, b"<wp:post_password>sandi</wp:post_password>"))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and not article.is_live
    assert "kata sandi" in result(7).message
    assert client.get("/?p=7").status_code == 404
    assert client.get("/rahasia/").status_code == 404


def _site_a_then_c(run_import, tmp_path):
    uploads_a = tmp_path / "a" / "uploads"
    (uploads_a / "2024/09").mkdir(parents=True)
    (uploads_a / "2024/09/foto.jpg").write_bytes(files.jpeg_with_gps())
    run_import(
        wxr.export(
            wxr.attachment(5, "2024/09/foto.jpg"),
            wxr.post(101, "Berita situs A", "<p>Isi A</p>", name="berita-a"),
        ),
        uploads=uploads_a,
        name="a.xml",
    )
    uploads_c = tmp_path / "c" / "uploads"
    uploads_c.mkdir(parents=True)
    body = (
        f'<p>Foto <img src="{SITE_C}/wp-content/uploads/2024/09/foto.jpg"></p>'
        f'<p><a href="{SITE_C}/?p=101">ke 101</a> <a href="{SITE_C}/berita-a/">alamat A</a></p>'
    )
    run_import(
        wxr.export(
            wxr.post(101, "Berita situs C", "<p>Isi C</p>", name="berita-c", site=SITE_C),
            wxr.post(102, "Tautan situs C", body, name="tautan-c", site=SITE_C),
            site=SITE_C,
        ),
        uploads=uploads_c,
        name="c.xml",
    )


def test_a_second_site_never_gets_the_first_sites_images_or_articles(run_import, tmp_path):
    _site_a_then_c(run_import, tmp_path)
    article_a = Article.objects.get(title="Berita situs A")
    article_c = Article.objects.get(title="Berita situs C")
    linking = Article.objects.get(title="Tautan situs C")
    assert "/media/" not in linking.body  # site A's foto.jpg is not site C's
    note = ImportResult.objects.get(run__site="sitec.example.org", wp_id=102).message
    assert "tidak ditemukan" in note  # reported missing instead
    assert f'href="{article_c.get_absolute_url()}"' in linking.body
    assert article_a.get_absolute_url() not in linking.body
    assert f"{SITE_C}/berita-a/" in linking.body  # not C's: the old link stays


@pytest.mark.parametrize(
    ("post_id", "date"),
    [
        (8, "9999-12-31 23:59:59"),
        ("99999999999999999999", "2024-09-02 14:11:22"),
        ("abc", "2024-09-02 14:11:22"),
    ],
)
def test_one_bad_item_fails_alone(run_import, post_id, date):
    xml = wxr.export(
        wxr.post(post_id, "Buruk", "<p>x</p>", name="buruk", date=date, date_gmt=date),
        wxr.post(9, "Baik", "<p>Isi baik</p>", name="baik"),
    )
    run_import(xml)
    run = WordPressImport.objects.get()
    assert run.state == WordPressImport.State.DONE
    assert Article.objects.get().title == "Baik"
    failed = ImportResult.objects.get(outcome="failed")
    assert failed.kind == "post" and failed.message


@pytest.mark.parametrize("encoding", [b"x-nonexistent-999", b"UTF-7"])
def test_unreadable_encoding_ends_the_run_as_failed(run_import, encoding):
    xml = wxr.export(wxr.post(9, "Baik", "<p>Isi</p>")).replace(b"UTF-8", encoding, 1)
    with pytest.raises(CommandError, match="pengodean"):
        run_import(xml)
    run = WordPressImport.objects.get()
    assert run.state == WordPressImport.State.FAILED and "UTF-8" in run.message


def test_an_unexpected_error_ends_the_run_as_failed(run_import, monkeypatch):
    def broken(self):
        raise RuntimeError("kaput")

    monkeypatch.setattr(importer.Importer, "_pass_posts", broken)
    with pytest.raises(CommandError, match="kaput"):
        run_import(wxr.export(wxr.post(9, "Baik", "<p>Isi</p>")))
    run = WordPressImport.objects.get()
    assert run.state == WordPressImport.State.FAILED and run.finished_at


def test_a_huge_post_body_fails_that_item(run_import):
    huge = "<p>" + "a" * (importer.MAX_BODY_CHARS + 10) + "</p>"
    run_import(wxr.export(wxr.post(8, "Besar", huge), wxr.post(9, "Baik", "<p>Isi</p>")))
    assert Article.objects.get().title == "Baik"
    assert result(8).outcome == "failed" and "MB" in result(8).message


@pytest.fixture
def administrator(editor):
    return make_user(ADMINISTRATOR, username="admin-impor")


def test_an_export_over_the_size_cap_is_refused(client, administrator, pd, settings):
    settings.WORDPRESS_IMPORT_MAX_BYTES = 2000
    client.force_login(administrator)
    upload = SimpleUploadedFile(
        "ekspor.xml", wxr.export(wxr.post(9, "Baik", "<p>" + "x" * 3000 + "</p>"))
    )
    response = client.post(
        reverse("admin:articles_wordpressimport_add"),
        {"export_file": upload, "perangkat_daerah": pd.pk},
    )
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
    assert not WordPressImport.objects.exists()


def test_administrator_marks_a_stuck_import_as_failed(client, administrator, pd):
    stuck = WordPressImport.objects.create(perangkat_daerah=pd, state="running")
    done = WordPressImport.objects.create(perangkat_daerah=pd, state="done")
    client.force_login(administrator)
    response = client.post(
        reverse("admin:articles_wordpressimport_changelist"),
        {"action": "mark_failed", "_selected_action": [stuck.pk, done.pk]},
    )
    assert response.status_code == 302
    stuck.refresh_from_db()
    done.refresh_from_db()
    assert stuck.state == "failed" and stuck.finished_at and administrator.username in stuck.message
    assert done.state == "done"


def test_control_and_bidi_characters_leave_single_line_fields(run_import):
    run_import(
        wxr.export(
            wxr.author("admin", "Wak\r\nHedir"),
            wxr.category(3, "berita", "Ber\u202eita\n"),
            wxr.post(
                9,
                "Judul\r\nBcc: jahat@example.org",
                "<p>Isi</p>",
                categories=[("berita", "Ber\u202eita\n")],
                tags=[("tag", "Satu\nDua\u2066")],
            ),
        )
    )
    article = Article.objects.get()
    assert article.title == "Judul Bcc: jahat@example.org"
    assert article.category.name == "Berita"
    assert list(Tag.objects.values_list("name", flat=True)) == ["Satu Dua"]
    assert Author.objects.get().display_name == "Wak Hedir"
    assert result(9).title == "Judul Bcc: jahat@example.org"


def test_reimport_into_another_pd_is_skipped_and_creates_nothing(run_import, tmp_path, editor):
    xml = wxr.export(wxr.post(9, "Baik", "<p>Isi</p>\n<p>Penulis : Orang Baru</p>"))
    run_import(xml)
    other = make_pd("Dinas Lain")
    path = tmp_path / "again.xml"
    path.write_bytes(xml.replace(b"Isi</p>", b"Isi diubah</p>"))
    call_command(
        "import_wordpress",
        str(path),
        "--pd",
        other.slug,
        "--user",
        editor.username,
        "--no-progress",
    )
    assert Article.objects.count() == 1 and Author.objects.count() == 1
    row = ImportResult.objects.filter(run__perangkat_daerah=other).get()
    assert row.outcome == "skipped" and "PD lain" in row.message


def test_script_and_style_contents_never_become_text(run_import):
    body = "<p>Awal<script>var x = 'kode';</script><style>p{color:red}</style> akhir</p>"
    run_import(wxr.export(wxr.post(9, "Baik", body, excerpt='<script>alert("ex")</script>Ringkas')))
    article = Article.objects.get()
    assert article.lead == "Ringkas"
    assert "kode" not in article.body and "color" not in article.body


def test_a_long_title_is_cut_with_a_note(run_import):
    run_import(wxr.export(wxr.post(9, "J" * 5000, "<p>Isi</p>")))
    assert len(Article.objects.get().title) == 200
    assert "5000" in result(9).message


def test_a_negative_limit_is_a_clear_error(run_import):
    with pytest.raises(CommandError, match="--limit"):
        run_import(wxr.export(wxr.post(9, "Baik", "<p>Isi</p>")), "--limit", "-1")
    assert not WordPressImport.objects.exists()
