"""What a hostile reviewer found in the portal content types over HTTP (each was a bug)."""

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from galleries.models import Album, AlbumPhoto
from kominfo.media_usage import MEDIA_MODELS, hidden_relations, media_relations
from media_library.models import Document, Image
from pages.models import Page
from publishing import registry
from tests.factories import make_image

from .conftest import publish
from .test_ppid import PDF, make_document, make_entry

pytestmark = pytest.mark.django_db


def assert_read_only_for_writer(client, media, field):
    opts = media._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{media.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="{field}"' not in html
    assert "Tidak dipakai" not in html
    if field == "file":
        upload = SimpleUploadedFile("baru.pdf", PDF, content_type="application/pdf")
        response = client.post(url, {"title": "Diganti", "file": upload})
    else:
        response = client.post(url, {field: "Diganti diam-diam"})
    assert response.status_code == 403
    media.refresh_from_db()
    assert getattr(media, "title", "") != "Diganti"
    assert getattr(media, field, "") != "Diganti diam-diam"


def test_a_writer_cannot_replace_the_file_of_a_live_ppid_entry(world, as_user):
    doc = make_document(world.pd, title="Renstra")
    publish(world, make_entry(world, document=doc))
    name = doc.file.name
    assert_read_only_for_writer(as_user(world.penulis), doc, "file")
    assert Document.objects.get(pk=doc.pk).file.name == name


def test_a_writer_cannot_change_a_photo_of_a_published_album(world, as_user):
    album = Album.objects.create(title="Peresmian", slug="peresmian", perangkat_daerah=world.pd)
    image = make_image(world.pd, alt_text="Bupati meresmikan")
    AlbumPhoto.objects.create(album=album, image=image)
    publish(world, album)
    assert_read_only_for_writer(as_user(world.penulis), image, "alt_text")


def test_a_writer_cannot_change_an_image_shown_in_a_live_page_body(world, as_user):
    image = make_image(world.pd, alt_text="Struktur organisasi")
    body = f'<p>Bagan:</p><p><img src="{image.file.url}" alt="Struktur"></p>'
    page = Page.objects.create(
        title="Struktur", slug="struktur", perangkat_daerah=world.pd, body=body
    )
    publish(world, page)
    assert_read_only_for_writer(as_user(world.penulis), image, "alt_text")


def test_media_named_only_by_a_proposal_of_a_ppid_entry_is_in_use(world, as_user):
    from publishing import workflow

    entry = publish(world, make_entry(world))
    doc = make_document(world.pd, title="Lampiran baru")
    entry.document = doc
    workflow.record_revision(world.penulis, entry)  # a snapshot that names the file
    from media_library.usage import find_usages

    assert [u.obj for u in find_usages(doc)] == [entry]


def test_every_model_that_points_at_library_media_is_covered():
    """A new content type or field that shows a library file must be a registered type
    (or a child row of one) so "Dipakai di" sees it; anything else is named here."""
    not_content = {
        "media_library.image",
        "media_library.document",
        "site_settings.sitesettings",  # the logo: only an Administrator edits it
        "articles.wordpressitem",  # the import's map of old ids, never shown
    }
    covered = set()
    for model in registry.registered_models():
        config = registry.config_for(model)
        covered.add(model)
        covered.update(config.children.values())
        covered.update(f.remote_field.through for f in model._meta.many_to_many)
        visible = {rel.field for m in MEDIA_MODELS for rel in m._meta.related_objects}
        hidden = {f for _, f, _ in hidden_relations(config)}
        for child in [model, *config.children.values()]:
            for f, _ in media_relations(child):
                through = f.many_to_one and any(
                    f.model is m2m.remote_field.through for m2m in model._meta.many_to_many
                )
                assert f in visible or f in hidden or through, f
    for model in apps.get_models():
        if model._meta.label_lower in not_content or model in covered:
            continue
        assert not media_relations(model), f"{model._meta.label} shows library media"
    assert Image in MEDIA_MODELS and Document in MEDIA_MODELS


def test_another_agencys_writer_cannot_fetch_an_exempt_file(world, as_user):
    doc = make_document(world.pd, "Dokumen Rahasia")
    publish(
        world, make_entry(world, kip_class="dikecualikan", legal_reason="Pasal 17", document=doc)
    )
    outsider = as_user(world.penulis_other)
    assert outsider.get(doc.get_download_url()).status_code == 404
    assert outsider.get(f"/media/{doc.file.name}").status_code == 404
    for insider in (world.penulis, world.redaktur):
        client = as_user(insider)
        assert client.get(doc.get_download_url()).status_code == 200
        response = client.get(f"/media/{doc.file.name}")
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_documents_are_not_cached_for_a_year_images_are(world, client):
    doc = make_document(world.pd)
    publish(world, make_entry(world, document=doc))
    response = client.get(f"/media/{doc.file.name}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    image = make_image(world.pd)
    response = client.get(f"/media/{image.file.name}")
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/pengumuman/rss/", "/pengumuman/atom/"])
def test_announcement_feeds_have_the_stylesheet(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    head = response.content.decode().split("<rss", 1)[0].split("<feed", 1)[0]
    assert '<?xml-stylesheet href="/static/feeds/feed.xsl"' in head and 'type="text/xsl"' in head
