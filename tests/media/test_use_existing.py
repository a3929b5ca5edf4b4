"""Uploading a photo that is already in the library offers the stored one in one click:
in the "+" popup of the article form the link selects it for the article; on the full
page it opens it. A Penulis is offered only photos of their own PD(s), and the link to
another PD's photo answers 404."""

import hashlib
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_library.models import Image
from tests.factories import make_image, make_pd, make_user
from tests.media import files

pytestmark = pytest.mark.django_db
ADD = reverse("admin:media_library_image_add")


def form(pd, data, **extra):
    return {
        "upload": SimpleUploadedFile("Foto kegiatan.jpg", data, "image/jpeg"),
        "title": "",
        "alt_text": "Peserta bimtek",
        "perangkat_daerah": pd.pk,
        **extra,
    }


def use_link(content):
    match = re.search(rb'<a class="button" href="([^"]+)">', content)
    assert match, content.decode()[:2000]
    return match.group(1).decode().replace("&amp;", "&")


def test_popup_offers_the_existing_photo_and_one_click_selects_it(client):
    pd = make_pd()
    client.force_login(make_user("Penulis", pd))
    data = files.jpeg_with_gps(300, 200)
    existing = make_image(pd, title="Foto lama")
    existing.content_hash = hashlib.sha256(data).hexdigest()
    existing.save()
    response = client.post(
        f"{ADD}?_to_field=id&_popup=1", form(pd, data, _popup="1", _to_field="id")
    )
    assert response.status_code == 200
    assert Image.objects.count() == 1
    link = use_link(response.content)
    assert link.startswith(reverse("admin:media_library_image_use", args=[existing.pk]))
    assert "_popup=1" in link
    chosen = client.get(link)
    assert chosen.status_code == 200
    payload = json.loads(chosen.context["popup_response_data"])
    assert payload == {"value": str(existing.pk), "obj": "Foto lama"}
    assert b"popup_response" in chosen.content
    assert Image.objects.count() == 1


def test_full_page_link_opens_the_existing_photo(client):
    pd = make_pd()
    client.force_login(make_user("Redaktur"))
    data = files.jpeg_with_gps(300, 200)
    client.post(ADD, form(pd, data))
    existing = Image.objects.get()
    response = client.post(ADD, form(pd, data))
    link = use_link(response.content)
    assert "_popup" not in link
    opened = client.get(link)
    assert opened.status_code == 302
    assert opened.url == reverse("admin:media_library_image_change", args=[existing.pk])


def test_penulis_is_not_offered_another_pds_photo(client):
    own_pd, other_pd = make_pd(), make_pd()
    data = files.jpeg_with_gps(300, 200)
    client.force_login(make_user("Redaktur"))
    client.post(ADD, form(other_pd, data))
    others = Image.objects.get()
    client.force_login(make_user("Penulis", own_pd))
    response = client.post(ADD, form(own_pd, data))
    assert response.status_code == 302  # no offer: stored as the writer's own copy
    assert Image.objects.count() == 2
    use = reverse("admin:media_library_image_use", args=[others.pk])
    assert client.get(f"{use}?_popup=1&_to_field=id").status_code == 404
    assert client.get(use).status_code == 404


def test_disallowed_to_field_is_refused(client):
    pd = make_pd()
    client.force_login(make_user("Redaktur"))
    image = make_image(pd)
    use = reverse("admin:media_library_image_use", args=[image.pk])
    assert client.get(f"{use}?_popup=1&_to_field=content_hash").status_code == 400
    assert client.get(reverse("admin:media_library_image_use", args=["abc"])).status_code == 404
