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
from tests.portal_pages.helpers import grant_content_permissions

from .conftest import publish
from .test_ppid import PDF, make_document, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content_permissions(world):
    grant_content_permissions()  # pages and announcements, as their migrations do


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


@pytest.mark.parametrize(
    "path", ["/pengumuman/rss/", "/pengumuman/atom/", "/agenda/rss/", "/agenda/atom/"]
)
def test_portal_feeds_have_the_stylesheet(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    head = response.content.decode().split("<rss", 1)[0].split("<feed", 1)[0]
    assert '<?xml-stylesheet href="/static/feeds/feed.xsl"' in head and 'type="text/xsl"' in head


def event_form(client, world, **values):
    from .test_admin_workflow import add_form, event_values

    data = add_form(client, "/admin/agenda/event/add/", "event_form")
    data.update(event_values(world), **values)
    return data


def test_a_backslash_coverage_link_is_refused_like_in_the_menu(world, as_user):
    from agenda.models import Event

    penulis = as_user(world.penulis)
    response = penulis.post(
        "/admin/agenda/event/add/", event_form(penulis, world, coverage_url="/\\evil.example")
    )
    assert response.status_code == 200
    assert "tidak boleh berisi spasi" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "address, kept",
    [
        ("https://evil.example/", None),
        ("https://127.0.0.1.evil.example/berita/x/", None),
        ("https://user@127.0.0.1:8000/berita/x/", None),
        ("mailto:x@example.org", None),
        ("http://127.0.0.1:8000/berita/liputan-rakor/?page=2", "/berita/liputan-rakor/?page=2"),
        ("/berita/liputan-rakor/", "/berita/liputan-rakor/"),
    ],
)
def test_coverage_link_is_a_page_of_this_site(world, as_user, settings, address, kept):
    """Attacker finding: any https:// site was accepted as "Berita liputan"."""
    from agenda.models import Event

    settings.SITE_URL = "http://127.0.0.1:8000"
    penulis = as_user(world.penulis)
    response = penulis.post(
        "/admin/agenda/event/add/", event_form(penulis, world, coverage_url=address)
    )
    if kept is None:
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
        assert not Event.objects.exists()
    else:
        assert response.status_code == 302
        assert Event.objects.get().coverage_url == kept


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T23:00"])
def test_dates_out_of_range_are_indonesian_form_errors(world, as_user, value):
    from agenda.models import Event

    penulis = as_user(world.penulis)
    response = penulis.post("/admin/agenda/event/add/", event_form(penulis, world, starts_at=value))
    assert response.status_code == 200
    assert "antara tahun 1900 dan 2100" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize("field", ["when", "expires"])
def test_publication_and_expiry_times_out_of_range_are_form_errors(world, as_user, field):
    from tests.formreader import read_form
    from tests.portal_pages.helpers import make_announcement

    item = make_announcement(world, state="review")
    editor = as_user(world.redaktur)
    url = f"/admin/announcements/announcement/{item.pk}/workflow/"
    data = read_form(editor.get(url).content, "wf-schedule")
    data.update({"when": "2030-01-01T08:00", field: "0001-01-01T00:00"})
    response = editor.post(url, data)
    assert response.status_code == 400  # the workflow page with the form's errors
    assert "antara tahun 1900 dan 2100" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "review"


def test_an_announcement_never_links_an_exempt_attachment(world, client):
    from tests.portal_pages.helpers import make_announcement

    secret = make_document(world.pd, "Dokumen Rahasia")
    public = make_document(world.pd, "Formulir Pendaftaran")
    make_entry(world, kip_class="dikecualikan", legal_reason="Pasal 17", document=secret)
    item = make_announcement(world)
    item.attachments.set([secret, public])
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Formulir Pendaftaran" in html and public.get_download_url() in html
    assert "Dokumen Rahasia" not in html and secret.file.url not in html
    assert secret.get_download_url() not in html


HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "url,form_id,values",
    [
        ("/admin/ppid/informationentry/add/", "informationentry_form", {"document": HUGE}),
        ("/admin/announcements/announcement/add/", "announcement_form", {"attachments": HUGE}),
        ("/admin/galleries/album/add/", "album_form", {"photos-0-image": HUGE}),
    ],
)
def test_huge_ids_in_autocomplete_fields_are_form_errors(world, as_user, url, form_id, values):
    from .test_admin_workflow import add_form, album_values, entry_values

    penulis = as_user(world.penulis)
    data = add_form(penulis, url, form_id)
    base = {"ppid": entry_values, "galleries": album_values}.get(url.split("/")[2])
    data.update(base(world) if base else {"title": "Pengumuman", "slug": "pengumuman"})
    data.update(values)
    response = penulis.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    # the field's Indonesian error (a photo row names what is wrong with the photo)
    assert "yang valid" in html or "Foto ini tidak dapat dipakai di sini" in html


def test_a_tampered_inline_total_is_refused_quickly(world, as_user):
    from .test_admin_workflow import add_form, album_values

    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/galleries/album/add/", "album_form")
    data.update(album_values(world))
    data["photos-TOTAL_FORMS"] = "1000"
    response = penulis.post("/admin/galleries/album/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "paling banyak 100" in html
    assert html.count('name="photos-') < 100 * 10
    assert not Album.objects.exists()


def test_view_on_site_redirect_is_scoped_like_the_admin(world, as_user):
    """Attacker finding: /admin/r/<ct>/<id>/ told another agency's writer the addresses
    of drafts and scheduled items of every type."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from agenda.models import Event

    from .content import article

    draft = Event.objects.create(
        title="Acara Rahasia", slug="acara-rahasia", starts_at=timezone.now(),
        perangkat_daerah=world.pd,
    )  # fmt: skip
    live = article(world, "Berita Terbit")
    for obj in (draft, live):
        ct = ContentType.objects.get_for_model(obj).pk
        url = f"/admin/r/{ct}/{obj.pk}/"
        stranger = as_user(world.penulis_other).get(url)
        assert stranger.status_code == 404, (obj, stranger.status_code)
        assert obj.slug not in stranger.get("Location", "")
    ct = ContentType.objects.get_for_model(draft).pk
    # A draft has no public page, even for the editor; a live item redirects.
    assert as_user(world.redaktur).get(f"/admin/r/{ct}/{draft.pk}/").status_code == 404
    own = as_user(world.penulis).get(f"/admin/r/{ct}/{draft.pk}/")
    assert own.status_code == 404
    ct = ContentType.objects.get_for_model(live).pk
    response = as_user(world.redaktur).get(f"/admin/r/{ct}/{live.pk}/")
    assert response.status_code == 302 and response["Location"] == live.get_absolute_url()
    assert as_user(world.redaktur).get(f"/admin/r/{ct}/abc/").status_code == 404
    assert as_user(world.redaktur).get(f"/admin/r/99999/{live.pk}/").status_code == 404
