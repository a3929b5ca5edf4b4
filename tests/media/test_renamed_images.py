"""Between accepted image types the content decides, not the name: a PNG screenshot that
a chat app renamed to .jpg is accepted and stored as what it really is. A name claiming a
non-image type, or content that is not an accepted image, is still refused. Checked in
the pipeline and over HTTP through both upload doors (admin form, editor upload)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from media_library import pipeline
from media_library.models import Image
from tests.factories import make_pd, make_user
from tests.media import files
from tests.media.conftest import assert_safe_stored_image

pytestmark = pytest.mark.django_db


def transparent_png(width=40, height=30):
    img = PILImage.new("RGBA", (width, height), (20, 120, 220, 0))
    img.paste((200, 30, 30, 255), (5, 5, 25, 20))
    return files.encode(img, "PNG")


def opaque_jpeg():
    return files.encode(files.photo_like(60, 40), "JPEG")


@pytest.mark.parametrize(
    "data, name, stored_as",
    [
        (transparent_png(), "Screenshot_2024.jpg", "png"),
        (transparent_png(), "tangkapan layar.JPEG", "png"),
        (transparent_png(), "logo.webp", "png"),
        (opaque_jpeg(), "foto.png", "jpg"),
        (opaque_jpeg(), "foto.heic", "jpg"),
        (files.animated_gif(3, (8, 8)), "animasi.jpg", "gif"),
        (files.encode(files.photo_like(30, 20), "WEBP"), "foto.gif", "jpg"),
    ],
    ids=[
        "png-as-jpg",
        "png-as-JPEG",
        "png-as-webp",
        "jpeg-as-png",
        "jpeg-as-heic",
        "gif-as-jpg",
        "webp-as-gif",
    ],
)
def test_image_named_as_another_image_type_is_stored_as_its_real_type(data, name, stored_as):
    image = pipeline.ingest_image(SimpleUploadedFile(name, data, "image/jpeg"))
    assert image.file.name.endswith(f".{stored_as}")
    assert_safe_stored_image(image)


@pytest.mark.parametrize("extension", ["pdf", "html", "htm", "php", "svg", "exe", "txt", "docx"])
def test_image_named_as_a_non_image_type_is_refused(extension):
    with pytest.raises(pipeline.ValidationError) as info:
        pipeline.ingest_image(SimpleUploadedFile(f"foto.{extension}", transparent_png()))
    assert info.value.code == "extension_mismatch"
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "data",
    [files.SVG_WITH_SCRIPT, files.HTML_PAGE, files.PDF, b"just text"],
    ids=["svg", "html", "pdf", "text"],
)
def test_content_that_is_not_an_image_is_refused_whatever_the_name(data):
    with pytest.raises(pipeline.ValidationError) as info:
        pipeline.ingest_image(SimpleUploadedFile("foto.png", data))
    assert info.value.code == "invalid_image"


def test_admin_upload_of_png_named_jpg(client):
    pd = make_pd()
    client.force_login(make_user("Penulis", pd))
    response = client.post(
        reverse("admin:media_library_image_add"),
        {
            "upload": SimpleUploadedFile("WhatsApp Image.jpg", transparent_png(), "image/jpeg"),
            "title": "",
            "alt_text": "Tangkapan layar",
            "perangkat_daerah": pd.pk,
        },
    )
    assert response.status_code == 302, response.content[:800]
    image = Image.objects.get()
    assert image.file.name.endswith(".png") and image.title == "WhatsApp Image"


def test_admin_upload_named_php_is_a_form_error(client):
    pd = make_pd()
    client.force_login(make_user("Penulis", pd))
    response = client.post(
        reverse("admin:media_library_image_add"),
        {
            "upload": SimpleUploadedFile("shell.php", transparent_png(), "image/png"),
            "alt_text": "x",
            "perangkat_daerah": pd.pk,
        },
    )
    assert response.status_code == 200
    assert ".php" in " ".join(response.context["adminform"].form.errors["upload"])
    assert not Image.objects.exists()


def test_editor_upload_of_png_named_jpg(client):
    client.force_login(make_user("Penulis", make_pd()))
    response = client.post(
        reverse("media_library:editor_upload"),
        {"upload": SimpleUploadedFile("layar.jpg", transparent_png(), "image/jpeg")},
    )
    assert response.status_code == 200, response.content
    assert Image.objects.get().file.name.endswith(".png")
