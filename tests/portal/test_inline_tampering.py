"""Crafted POSTs to a content item's change form (album photos, article bylines,
the PPID file, announcement attachments): a row id that is not the item's, a deleted
row, a change to a control shown disabled (another agency's photo), a photo or file
the user may not use. Each is a clear Indonesian form error on the re-shown form with
nothing saved, never "berhasil diubah" with the change silently dropped; a legitimate
change is applied."""

import pytest
from django.contrib.messages import get_messages
from lxml import html as lxml_html

from articles.models import ArticleAuthor
from galleries.models import Album, AlbumPhoto
from ppid.models import InformationEntry
from publishing.models import Revision
from tests import factories
from tests.formreader import read_form
from tests.portal_pages.helpers import grant_content_permissions, make_announcement

from .conftest import publish
from .test_ppid import make_document

pytestmark = pytest.mark.django_db

NOT_PART = "bukan bagian dari album foto ini"


def make_album(world, pd=None, slug="album-uji", images=None):
    pd = pd or world.pd
    album = Album.objects.create(title="Album Uji", slug=slug, perangkat_daerah=pd)
    for order, image in enumerate(images or [world.image, factories.make_image(pd)]):
        AlbumPhoto.objects.create(album=album, image=image, caption=f"Foto {order}", order=order)
    return album


def change_url(obj):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def post_changed(client, obj, **changes):
    """Read the change form from the page, alter it as an attacker would, post it."""
    page = client.get(change_url(obj))
    assert page.status_code == 200
    data = read_form(page.content, f"{obj._meta.model_name}_form")
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(change_url(obj), {**data, "_continue": "1"})


def errors_of(response):
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    doc = lxml_html.fromstring(response.content.decode())
    assert doc.xpath("//p[@class='errornote']")
    assert not [str(m) for m in get_messages(response.wsgi_request)]  # no "berhasil"
    return " ".join(e.text_content() for e in doc.xpath("//ul[contains(@class,'errorlist')]"))


def rows(album):
    return list(AlbumPhoto.objects.filter(album=album).values_list("pk", "image_id", "caption"))


@pytest.mark.parametrize("published", [False, True], ids=["draft", "published"])
@pytest.mark.parametrize("role", ["penulis", "redaktur"])
def test_album_row_ids_that_are_not_the_albums_are_refused(world, as_user, published, role):
    album = make_album(world)
    if published:
        publish(world, album)
    other = make_album(world, pd=world.other_pd, slug="album-lain", images=[
        factories.make_image(world.other_pd)])  # fmt: skip
    before, other_before = rows(album), rows(other)
    proposals = album.revisions.filter(state=Revision.State.PENDING).count()
    client = as_user(getattr(world, role))

    stolen = str(other.photos.get().pk)
    response = post_changed(client, album, **{"photos-0-id": stolen, "photos-0-caption": "Curian"})
    text = errors_of(response)
    assert "Baris 1 pada “Foto album” " + NOT_PART in text and "Tidak ada yang disimpan" in text
    # What the user typed is still in the re-shown form.
    assert read_form(response.content, "album_form")["photos-0-caption"] == "Curian"

    deleted_row = AlbumPhoto.objects.order_by("-pk").first().pk + 1000
    text = errors_of(post_changed(client, album, **{"photos-1-id": str(deleted_row)}))
    assert "Baris 2 pada “Foto album” " + NOT_PART in text

    assert rows(album) == before and rows(other) == other_before
    assert album.revisions.filter(state=Revision.State.PENDING).count() == proposals

    # The same form, untouched but for a caption (non-ASCII), saves, twice.
    for caption in ("Bupati dan warga — ñ, ö, 漢字", "Kedua kali"):
        response = post_changed(client, album, **{"photos-0-caption": caption})
        assert response.status_code == 302, errors_of(response)
        if published:
            pending = album.revisions.get(state=Revision.State.PENDING)
            assert pending.content["photos"][0]["caption"] == caption
            assert rows(album) == before  # the public keeps the live rows
        else:
            assert rows(album)[0][2] == caption


@pytest.mark.parametrize("published", [False, True], ids=["draft", "published"])
def test_another_agencys_photo_in_the_album_cannot_be_swapped_or_removed_by_a_penulis(
    world, as_user, published
):
    foreign = factories.make_image(world.other_pd)
    album = make_album(world, images=[foreign, world.image])  # an editor put it there
    if published:
        publish(world, album)
    before = rows(album)
    penulis = as_user(world.penulis)

    text = errors_of(post_changed(penulis, album, **{"photos-0-image": str(world.image.pk)}))
    assert "Baris 1 pada “Foto album”: “Gambar” tidak dapat Anda ubah." in text
    text = errors_of(post_changed(penulis, album, **{"photos-0-DELETE": "on"}))
    assert "Baris 1 pada “Foto album” tidak dapat Anda hapus." in text
    # A photo of another agency the album does not hold yet, or a deleted one: refused.
    stranger = factories.make_image(world.other_pd)
    gone = factories.make_image(world.pd)
    gone_id = gone.pk
    gone.delete()
    for image_id in (stranger.pk, gone_id):
        text = errors_of(post_changed(penulis, album, **{"photos-1-image": str(image_id)}))
        assert "Foto ini tidak dapat dipakai" in text
    assert rows(album) == before
    assert not album.revisions.filter(state=Revision.State.PENDING).exists()

    # A Redaktur may use any agency's photo: applied (as a proposal when published).
    response = post_changed(as_user(world.redaktur), album, **{"photos-1-image": str(stranger.pk)})
    assert response.status_code == 302
    if published:
        pending = album.revisions.get(state=Revision.State.PENDING)
        assert pending.content["photos"][1]["image_id"] == stranger.pk
    else:
        assert rows(album)[1][1] == stranger.pk


def test_article_byline_row_of_another_article_is_refused(world, as_user):
    article = factories.make_article(pd=world.pd)
    factories.add_byline(article, "Wak Hedir")
    other = factories.make_article(pd=world.other_pd)
    factories.add_byline(other, "Penulis Lain")
    before = list(ArticleAuthor.objects.values_list("pk", "article_id", "author_id"))
    text = errors_of(
        post_changed(as_user(world.penulis), article, **{
            "articleauthor_set-0-id": str(other.articleauthor_set.get().pk)})
    )  # fmt: skip
    assert "Baris 1 pada “Penulis berita” bukan bagian dari berita ini" in text
    assert list(ArticleAuthor.objects.values_list("pk", "article_id", "author_id")) == before


def test_ppid_file_of_another_agency_cannot_be_replaced_by_a_penulis(world, as_user):
    foreign_doc = make_document(world.other_pd, "Dokumen PD lain")
    entry = InformationEntry.objects.create(
        title="LKjIP", slug="lkjip", year=2025, document=foreign_doc, perangkat_daerah=world.pd
    )
    own_doc = make_document(world.pd, "Dokumen sendiri")
    response = post_changed(as_user(world.penulis), entry, document=str(own_doc.pk))
    assert "Isian ini tidak dapat Anda ubah" in errors_of(response)
    entry.refresh_from_db()
    assert entry.document == foreign_doc


def test_announcement_attachment_of_another_agency_is_refused_for_a_penulis(world, as_user):
    grant_content_permissions()
    item = make_announcement(world, state="draft")
    foreign_doc = make_document(world.other_pd, "Dokumen PD lain")
    response = post_changed(as_user(world.penulis), item, attachments=[str(foreign_doc.pk)])
    assert "bukan salah satu dari pilihan yang tersedia" in errors_of(response)
    assert not item.attachments.exists()


def test_a_penulis_of_another_agency_cannot_post_rows_at_all(world, as_user):
    album = make_album(world)
    before = rows(album)
    owner_form = read_form(as_user(world.penulis).get(change_url(album)).content, "album_form")
    outsider = as_user(world.penulis_other)
    owner_form["photos-0-caption"] = "Disusupkan"
    assert outsider.post(change_url(album), owner_form).status_code == 404
    assert rows(album) == before
