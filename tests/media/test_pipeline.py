"""Hostile and awkward files through the one upload pipeline: each is either accepted
and normalised or refused with a message, never a crash and never a runnable file."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage

from media_library import pipeline
from media_library.models import Image
from tests.media import files
from tests.media.conftest import assert_safe_stored_image, stored_bytes

pytestmark = pytest.mark.django_db


def ingest(data, name="foto.jpg", **fields):
    return pipeline.ingest_image(SimpleUploadedFile(name, data, "image/jpeg"), **fields)


def refused(data, name="foto.jpg"):
    before = Image.objects.count()
    with pytest.raises(ValidationError) as info:
        ingest(data, name)
    assert Image.objects.count() == before
    assert info.value.messages and all(info.value.messages)
    return info.value


# --- refused -----------------------------------------------------------------------


def test_zero_bytes():
    error = refused(b"")
    assert error.code == "empty"
    assert error.messages == [str(pipeline._("The file is empty."))]


@override_settings(MEDIA_MAX_UPLOAD_BYTES=2000)
def test_file_over_the_size_limit():
    error = refused(files.encode(files.photo_like(200, 200), "JPEG"))
    assert error.code == "too_big"


def test_decompression_bomb():
    assert refused(files.decompression_bomb(), "bom.png").code == "too_many_pixels"


def test_png_header_claiming_65535_by_65535():
    assert refused(files.png_huge_header(), "besar.png").code == "too_many_pixels"


@override_settings(MEDIA_MAX_IMAGE_PIXELS=10_000)
def test_pixel_limit_is_a_setting():
    assert refused(files.encode(files.photo_like(200, 100), "JPEG")).code == "too_many_pixels"


@pytest.mark.parametrize(
    "data, name",
    [
        (files.SVG_WITH_SCRIPT, "logo.svg"),
        (files.SVG_WITH_SCRIPT, "logo.jpg"),
        (files.HTML_PAGE, "foto.jpg"),
        (files.WINDOWS_EXE, "foto.jpg"),
        (files.PDF, "foto.jpg"),
        (files.ooxml("docx"), "foto.jpg"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "foto.jpg"),
    ],
    ids=["svg-script", "svg-as-jpg", "html-as-jpg", "exe", "pdf", "zip", "jpeg-magic-only"],
)
def test_not_an_image(data, name):
    assert refused(data, name).code == "invalid_image"


def test_truncated_jpeg():
    assert refused(files.truncated_jpeg()).code == "invalid_image"


def test_name_claiming_a_non_image_type_is_refused():
    png = files.encode(PILImage.new("RGB", (10, 10)), "PNG")
    assert refused(png, "foto.pdf").code == "extension_mismatch"
    assert refused(files.jpeg_with_gps(), "foto.php").code == "extension_mismatch"


def test_gif_with_2000_frames():
    assert refused(files.animated_gif(2000), "animasi.gif").code == "too_many_frames"


@override_settings(MEDIA_MAX_IMAGE_PIXELS=100_000)
def test_animation_bounded_by_frames_times_pixels():
    assert refused(files.animated_gif(50, (100, 100)), "a.gif").code == "animation_too_large"


# --- accepted and normalised ---------------------------------------------------------


def test_phone_photo_is_rotated_and_loses_gps_and_all_metadata():
    original = files.jpeg_with_gps(400, 300, orientation=6)
    assert b"GPS" in original or files.CAMERA_SERIAL.encode() in original
    image = ingest(original, "WhatsApp Image 2024-09-02 at 14.11.22.jpeg")
    assert (image.width, image.height) == (300, 400)  # Orientation 6 applied
    assert_safe_stored_image(image)
    data = stored_bytes(image.file.name)
    assert files.CAMERA_SERIAL.encode() not in data and b"PhoneMaker" not in data
    with PILImage.open(io.BytesIO(data)) as stored:
        stored = stored.convert("RGB")
        top, bottom = stored.getpixel((150, 20)), stored.getpixel((150, 380))
    assert top[0] > 150 and top[2] < 100  # the red left half is now on top
    assert bottom[2] > 150 and bottom[0] < 100
    assert image.title == "WhatsApp Image 2024-09-02 at 14.11.22"


def test_polyglot_jpeg_keeps_the_picture_but_not_the_html():
    image = ingest(files.polyglot_jpeg())
    assert_safe_stored_image(image)


def test_png_text_chunks_are_removed():
    image = ingest(files.png_with_text(), "teks.png")
    assert_safe_stored_image(image)
    assert b"secret" not in stored_bytes(image.file.name)


def test_cmyk_becomes_rgb():
    image = ingest(files.cmyk_jpeg(), "cmyk.jpg")
    assert_safe_stored_image(image)
    with PILImage.open(io.BytesIO(stored_bytes(image.file.name))) as stored:
        assert stored.mode == "RGB"
        red, green, blue = stored.getpixel((30, 20))
    assert red > 200 and green < 60 and blue < 60


def test_16_bit_rgb_png_becomes_8_bit():
    image = ingest(files.png_16bit_rgb(), "enambelas.png")
    assert_safe_stored_image(image)
    with PILImage.open(io.BytesIO(stored_bytes(image.file.name))) as stored:
        assert stored.mode == "RGB"
        red, green, blue = stored.getpixel((5, 5))
    assert abs(red - 195) < 6 and abs(green - 78) < 6 and blue < 10


def test_16_bit_greyscale_png_is_scaled_not_clipped():
    image = ingest(files.png_16bit_grey(value=40000), "abu.png")
    with PILImage.open(io.BytesIO(stored_bytes(image.file.name))) as stored:
        assert stored.mode == "L"
        assert abs(stored.getpixel((3, 3)) - 156) < 4


def test_heic_from_a_phone_is_converted_to_jpeg_without_gps():
    data = files.heic_with_gps(120, 80)
    assert data[4:12] == b"ftypheic"
    image = ingest(data, "IMG_0001.HEIC")
    assert image.file.name.endswith(".jpg")
    assert (image.width, image.height) == (120, 80)
    assert_safe_stored_image(image)


def test_one_by_one_pixel():
    image = ingest(files.encode(PILImage.new("RGB", (1, 1), (9, 9, 9)), "PNG"), "titik.png")
    assert (image.width, image.height) == (1, 1)
    assert_safe_stored_image(image)
    assert {info["width"] for info in image.renditions.values()} == {1}


def test_20000_by_50_panorama():
    image = ingest(files.encode(files.photo_like(20000, 50), "JPEG"), "panorama.jpg")
    assert (image.width, image.height) == (20000, 50)
    assert_safe_stored_image(image)
    assert image.renditions["jpeg-1920"]["height"] == 5
    assert image.renditions["jpeg-320"]["height"] == 1


def test_small_animated_gif_stays_animated():
    image = ingest(files.animated_gif(5, (20, 20)), "animasi.gif")
    assert_safe_stored_image(image)
    with PILImage.open(io.BytesIO(stored_bytes(image.file.name))) as stored:
        assert stored.format == "GIF" and stored.n_frames == 5


def test_webp_and_transparent_png_are_accepted():
    webp = ingest(files.encode(files.photo_like(100, 80), "WEBP"), "foto.webp")
    assert webp.file.name.endswith(".jpg")
    transparent = ingest(
        files.encode(PILImage.new("RGBA", (50, 50), (255, 0, 0, 128)), "PNG"), "tembus.png"
    )
    assert transparent.file.name.endswith(".png")
    assert_safe_stored_image(transparent)


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd.jpg",
        "..\\..\\windows\\system32\\foto.jpg",
        "foto\x00.php.jpg",
        "Ünïcødé фото 写真 📷.jpg",
        "a" * 300 + ".jpg",
        "\u202egpj.exe.jpg",
    ],
    ids=["traversal", "windows-traversal", "nul-byte", "unicode", "300-chars", "rtl-override"],
)
def test_client_filename_never_reaches_storage(name):
    image = ingest(files.jpeg_with_gps(40, 30), name)
    assert_safe_stored_image(image)
    assert "/" not in image.title and "\\" not in image.title and "\x00" not in image.title
    assert "\u202e" not in image.title
    assert 0 < len(image.title) <= 200


def test_default_title_and_explicit_title():
    assert pipeline.default_title("WhatsApp Image 2024.jpeg") == "WhatsApp Image 2024"
    assert pipeline.default_title("") == str(pipeline._("Untitled image"))
    image = ingest(files.jpeg_with_gps(40, 30), "x.jpg", title="Judul sendiri")
    assert image.title == "Judul sendiri"


def test_duplicate_is_found_by_content_hash():
    data = files.jpeg_with_gps(60, 40)
    first = ingest(data, "a.jpg")
    again = SimpleUploadedFile("lain-nama.jpg", data)
    assert pipeline.find_duplicate_image(again) == first
    other = SimpleUploadedFile("b.jpg", files.jpeg_with_gps(61, 40))
    assert pipeline.find_duplicate_image(other) is None
