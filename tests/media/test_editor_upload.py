"""The CKEditor 5 upload view: permission, CSRF, pipeline, JSON answers, never a 500."""

import json

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from media_library.models import Image
from tests.factories import make_pd, make_user
from tests.media import files
from tests.media.conftest import assert_safe_stored_image

pytestmark = pytest.mark.django_db
URL = reverse("media_library:editor_upload")


def phone_photo(name="WhatsApp Image 2024-09-02 at 14.11.22.jpeg"):
    return SimpleUploadedFile(name, files.jpeg_with_gps(2000, 1500), "image/jpeg")


def test_anonymous_is_refused(client):
    response = client.post(URL, {"upload": phone_photo()})
    assert response.status_code == 403
    assert response.json()["error"]["message"]
    assert not Image.objects.exists()


def test_staff_without_add_image_permission_is_forbidden(client):
    client.force_login(User.objects.create_user("tamu", is_staff=True))
    response = client.post(URL, {"upload": phone_photo()})
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_missing_csrf_token_is_forbidden():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("Penulis", make_pd()))
    response = client.post(URL, {"upload": phone_photo()})
    assert response.status_code == 403
    assert b"CSRF" in response.content
    assert not Image.objects.exists()


def test_get_is_not_allowed(client):
    client.force_login(make_user("Penulis", make_pd()))
    assert client.get(URL).status_code == 405


def test_penulis_uploads_a_phone_photo():
    pd = make_pd()
    user = make_user("Penulis", pd)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = client.get(reverse("admin:index")).cookies["csrftoken"].value
    response = client.post(URL, {"upload": phone_photo()}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    body = response.json()
    image = Image.objects.get(pk=body["id"])
    assert body["url"] == image.rendition("jpeg-1280")["url"]
    assert body["url"].endswith("/jpeg-1280.jpg")
    assert (image.width, image.height) == (1500, 2000)  # EXIF orientation applied
    assert image.perangkat_daerah == pd and image.uploaded_by == user
    assert image.title == "WhatsApp Image 2024-09-02 at 14.11.22"
    assert_safe_stored_image(image)


def test_same_photo_again_reuses_the_stored_image(client):
    client.force_login(make_user("Penulis", make_pd()))
    first = client.post(URL, {"upload": phone_photo()}).json()
    second = client.post(URL, {"upload": phone_photo("lagi.jpg")}).json()
    assert first == second
    assert Image.objects.count() == 1


def test_small_image_returns_its_largest_rendition(client):
    client.force_login(make_user("Penulis", make_pd()))
    data = files.encode(files.photo_like(700, 400), "PNG")
    body = client.post(URL, {"upload": SimpleUploadedFile("kecil.png", data)}).json()
    assert body["url"].endswith("/jpeg-700.jpg")


@pytest.mark.parametrize(
    "name, data",
    [
        ("x.svg", files.SVG_WITH_SCRIPT),
        ("x.jpg", files.HTML_PAGE),
        ("x.jpg", files.truncated_jpeg()),
        ("bom.png", files.png_huge_header()),
        ("gif.gif", files.animated_gif(2000)),
    ],
    ids=["svg", "html", "truncated", "huge-header", "2000-frames"],
)
def test_hostile_file_gets_400_json(client, name, data):
    client.force_login(make_user("Penulis", make_pd()))
    response = client.post(URL, {"upload": SimpleUploadedFile(name, data, "image/jpeg")})
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert isinstance(message, str) and len(message) > 10
    assert not Image.objects.exists()


def test_empty_and_missing_file_get_400(client):
    client.force_login(make_user("Penulis", make_pd()))
    assert client.post(URL, {}).status_code == 400
    response = client.post(URL, {"upload": SimpleUploadedFile("k.jpg", b"")})
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"]
