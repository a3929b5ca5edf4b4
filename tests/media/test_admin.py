"""Media admin: upload through the pipeline (also from the article form's "+" popup),
PD scoping, thumbnails, search/filter, duplicate offer, delete protection."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_library.models import Image
from tests.factories import make_article, make_image, make_pd, make_user
from tests.media import files
from tests.media.conftest import assert_safe_stored_image

pytestmark = pytest.mark.django_db
ADD = reverse("admin:media_library_image_add")
LIST = reverse("admin:media_library_image_changelist")


@pytest.fixture
def penulis(client):
    pd = make_pd()
    user = make_user("Penulis", pd)
    client.force_login(user)
    return user, pd


def make_document_for(pd):
    from media_library.pipeline import ingest_document

    return ingest_document(
        SimpleUploadedFile("siaran.pdf", files.PDF),
        perangkat_daerah=pd,
    )


def form_data(pd, data, name="WhatsApp Image.jpeg", **extra):
    return {
        "upload": SimpleUploadedFile(name, data, "image/jpeg"),
        "title": "",
        "alt_text": "Peserta bimtek",
        "caption": "",
        "credit": "Foto: Humas",
        "perangkat_daerah": pd.pk,
        **extra,
    }


def test_penulis_uploads_phone_photo_from_the_article_form_popup(client, penulis):
    user, pd = penulis
    response = client.post(
        f"{ADD}?_to_field=id&_popup=1",
        form_data(pd, files.jpeg_with_gps(1600, 1200), _popup="1", _to_field="id"),
    )
    assert response.status_code == 200, response.content[:500]
    image = Image.objects.get()
    assert b"popup_response" in response.content  # hands the new image to the article form
    assert image.uploaded_by == user and image.perangkat_daerah == pd
    assert image.title == "WhatsApp Image"
    assert (image.width, image.height) == (1200, 1600)
    assert "webp-960" in image.renditions
    assert_safe_stored_image(image)


def test_hostile_upload_shows_a_form_error_not_a_500(client, penulis):
    _user, pd = penulis
    response = client.post(ADD, form_data(pd, files.SVG_WITH_SCRIPT, "x.svg"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["upload"]
    assert not Image.objects.exists()


def test_same_photo_twice_offers_the_existing_image(client, penulis):
    _user, pd = penulis
    data = files.jpeg_with_gps(300, 200)
    client.post(ADD, form_data(pd, data))
    existing = Image.objects.get()
    response = client.post(ADD, form_data(pd, data, "copy.jpg"))
    assert response.status_code == 200
    assert Image.objects.count() == 1
    use_url = reverse("admin:media_library_image_use", args=[existing.pk])
    assert f'href="{use_url}"'.encode() in response.content
    client.post(ADD, form_data(pd, data, "copy.jpg", upload_anyway="on"))
    assert Image.objects.count() == 2


def test_penulis_sees_only_their_pd_media_with_thumbnails(client, penulis):
    _user, pd = penulis
    own = make_image(pd, title="Foto milik sendiri")
    other = make_image(make_pd(), title="Foto dinas lain")
    response = client.get(LIST)
    assert own.title.encode() in response.content
    assert other.title.encode() not in response.content
    assert own.thumbnail_url.encode() in response.content and b".webp" in own.thumbnail_url.encode()
    other_url = reverse("admin:media_library_image_change", args=[other.pk])
    assert client.get(other_url).status_code == 404  # hidden, as for articles
    other_doc = make_document_for(make_pd())
    assert (
        client.get(reverse("admin:media_library_document_change", args=[other_doc.pk])).status_code
        == 404
    )
    assert not Image.objects.visible_to(penulis[0]).filter(pk=other.pk).exists()


def test_search_and_pd_filter(client):
    client.force_login(make_user("Redaktur"))
    pd_a, pd_b = make_pd(), make_pd()
    make_image(pd_a, title="Bimtek Mataram")
    make_image(pd_b, title="Banjir Sangatta")
    searched = client.get(LIST, {"q": "mataram"})
    assert b"Bimtek Mataram" in searched.content and b"Banjir Sangatta" not in searched.content
    filtered = client.get(LIST, {"perangkat_daerah__id__exact": pd_b.pk})
    assert b"Banjir Sangatta" in filtered.content and b"Bimtek Mataram" not in filtered.content


def test_change_page_lists_usage_and_delete_is_refused_while_used(client):
    client.force_login(make_user("Redaktur"))
    image = make_image()
    article = make_article(featured_image=image)
    change = client.get(reverse("admin:media_library_image_change", args=[image.pk]))
    assert article.title.encode() in change.content
    assert b"/delete/" not in change.content  # no delete button while in use
    delete_url = reverse("admin:media_library_image_delete", args=[image.pk])
    assert client.get(delete_url).status_code == 403
    response = client.post(delete_url, {"post": "yes"})
    assert response.status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()
    # The bulk action still lists where it is used and refuses.
    page = client.post(LIST, {"action": "delete_selected", "_selected_action": [image.pk]})
    assert article.title.encode() in page.content
    assert Image.objects.filter(pk=image.pk).exists()


def test_bulk_delete_of_unused_image_works(client, django_capture_on_commit_callbacks):
    client.force_login(make_user("Redaktur"))
    image = make_image()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST, {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"}
        )
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
