"""Attachments go through the one media pipeline; body images point at the imported files."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from articles.models import Article
from articles.wordpress.models import ImportResult
from media_library.models import Document, Image
from tests.media import files
from tests.media.conftest import assert_safe_stored_image

from . import wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(tmp_path):
    root = tmp_path / "uploads"
    (root / "2024/09").mkdir(parents=True)
    (root / "2024/09/WhatsApp-Image-2024-09-02-at-14.11.22.jpeg").write_bytes(files.jpeg_with_gps())
    (root / "2024/09/copy-of-the-same.jpg").write_bytes(files.jpeg_with_gps())
    (root / "2024/09/not-a-photo.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    (root / "2024/09/undangan.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    (tmp_path / "secret.jpg").write_bytes(files.jpeg_with_gps())
    return root


def media_export(body_extra=""):
    site = wxr.SITE
    body = (
        f'<p>Foto: <img src="{site}/wp-content/uploads/2024/09/WhatsApp-Image-2024-09-02-at-14.11.22-300x200.jpeg" '
        f'alt="Peserta" width="300" height="200" srcset="x 1x"></p>{body_extra}'
        f'<p>[gallery ids="41,42"]</p>'
    )
    return wxr.export(
        wxr.attachment(
            41,
            "2024/09/WhatsApp-Image-2024-09-02-at-14.11.22.jpeg",
            title="WhatsApp Image",
            alt="Peserta Bimtek di Mataram",
            caption="Peserta Bimtek",
            parent=50,
        ),
        wxr.attachment(42, "2024/09/copy-of-the-same.jpg", title="Salinan", parent=50),
        wxr.attachment(43, "2024/09/not-a-photo.jpg", title="Palsu"),
        wxr.attachment(44, "2024/09/hilang.jpg", title="Hilang"),
        wxr.attachment(45, "../secret.jpg", title="Keluar folder"),
        wxr.attachment(46, "2024/09/undangan.pdf", title="Undangan rapat", parent=50),
        wxr.post(
            50,
            "Berita dengan foto",
            body,
            meta={"_thumbnail_id": "41"},
            categories=[("berita", "Berita")],
        ),
    )


def test_featured_image_and_body_images_come_through_the_pipeline(run_import, uploads, pd):
    run_import(media_export(), uploads=uploads)
    article = Article.objects.get()
    image = article.featured_image
    assert image is not None and image.alt_text == "Peserta Bimtek di Mataram"
    assert image.caption == "Peserta Bimtek" and image.perangkat_daerah == pd
    assert_safe_stored_image(image)  # EXIF/GPS gone, generated name, renditions made
    # The size variant -300x200 in the body now points at the imported original.
    assert f'<img src="{image.file.url}"' in article.body
    assert "wp-content" not in article.body and "srcset" not in article.body
    # The byte-identical copy is recognised by content: one image, used in the gallery.
    assert Image.objects.count() == 1
    assert list(article.gallery.all()) == [image]
    assert list(article.attachments.values_list("title", flat=True)) == ["Undangan rapat"]
    assert Document.objects.get().kind == "pdf"


def test_bad_uploads_fail_one_by_one_with_a_clear_message(run_import, uploads):
    run_import(media_export(), uploads=uploads)
    results = {r.wp_id: r for r in ImportResult.objects.filter(kind="attachment")}
    assert results[43].outcome == "failed" and "bukan gambar" in results[43].message.lower()
    assert results[44].outcome == "failed" and "hilang.jpg" in results[44].message
    assert results[45].outcome == "failed" and "keluar dari folder" in results[45].message.lower()
    assert results[41].outcome == "imported"
    assert Article.objects.count() == 1  # the rest went on
    for name in default_storage.listdir("images")[0]:
        assert name.isdigit()  # nothing named after the client's file


def test_without_uploads_folder_posts_still_import(run_import):
    run_import(media_export())
    article = Article.objects.get()
    assert article.featured_image is None
    result = ImportResult.objects.get(kind="post")
    assert "foto utama" in result.message.lower()
    assert ImportResult.objects.get(wp_id=41).outcome == "failed"


def test_exif_stripped_from_the_stored_file(run_import, uploads):
    run_import(media_export(), uploads=uploads)
    image = Image.objects.get()
    with default_storage.open(image.file.name, "rb") as handle:
        with PILImage.open(io.BytesIO(handle.read())) as img:
            assert not img.getexif()


def test_complete_pending_post_goes_to_review_without_notifying(
    run_import, uploads, pd, mailoutbox
):
    from perangkat_daerah.roles import REDAKTUR
    from publishing.models import Notification
    from tests.factories import make_user

    make_user(REDAKTUR, username="redaktur-lain")  # would normally hear about a submission
    export = wxr.export(
        wxr.attachment(
            41, "2024/09/WhatsApp-Image-2024-09-02-at-14.11.22.jpeg", alt="Peserta Bimtek"
        ),
        wxr.post(
            51,
            "Menunggu tinjauan",
            "<p>Isi lengkap.</p>",
            status="pending",
            excerpt="Teras berita.",
            categories=[("berita", "Berita")],
            meta={"_thumbnail_id": "41"},
        ),
    )
    run_import(export, uploads=uploads)
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    log = article.transitions.get()
    assert log.action == "submit" and "WordPress" in log.comment
    assert not Notification.objects.exists()
    assert mailoutbox == []
