import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from media_library.models import Image
from perangkat_daerah.roles import PENULIS
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("media_library:editor_upload")


def csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("admin:index"))  # sets the csrftoken cookie
    return client, client.cookies["csrftoken"].value


def test_widget_posts_to_our_view_not_the_package_view():
    from django_ckeditor_5.widgets import CKEditor5Widget

    html = CKEditor5Widget(config_name="article").render("body", "", attrs={"id": "id_body"})
    assert f'data-upload-url="{URL}"' in html


def test_anonymous_cannot_upload():
    response = Client().post(URL, {"upload": f.upload()})
    assert response.status_code in (302, 403)
    assert not Image.objects.exists()


def test_staff_without_permission_is_refused():
    user = User.objects.create_user("tamu", password="pw", is_staff=True)
    client, token = csrf_client(user)
    response = client.post(URL, {"upload": f.upload()}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_missing_csrf_token_is_refused():
    user = f.make_user(PENULIS, f.make_pd())
    client, _token = csrf_client(user)
    response = client.post(URL, {"upload": f.upload()})
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_penulis_upload_goes_through_the_pipeline():
    pd = f.make_pd()
    user = f.make_user(PENULIS, pd)
    client, token = csrf_client(user)
    response = client.post(
        URL, {"upload": f.upload("../../etc/WhatsApp Image.jpeg")}, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
    image = Image.objects.get()
    assert json.loads(response.content)["url"].startswith("/media/images/")
    assert image.perangkat_daerah == pd and image.uploaded_by == user
    assert "WhatsApp" not in image.file.name and ".." not in image.file.name
    assert image.title == "WhatsApp Image"


@pytest.mark.parametrize(
    "name,data",
    [
        ("x.jpg", b""),
        ("x.jpg", b"<html><script>alert(1)</script></html>"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_bad_files_get_a_message_not_a_500(name, data):
    user = f.make_user(PENULIS, f.make_pd())
    client, token = csrf_client(user)
    response = client.post(URL, {"upload": f.upload(name, data)}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400
    message = json.loads(response.content)["error"]["message"]
    assert message and "gambar" in message.lower() or "kosong" in message.lower()
    assert not Image.objects.exists()
