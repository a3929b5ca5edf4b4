"""Each new type through the admin over HTTP, as people do it: a Penulis creates it from
the add form read from the page, submits it; a Penulis of another PD gets 404; a
Redaktur publishes it; the public page answers; a later edit by the Penulis becomes a
proposal and the public keeps the live version."""

from datetime import timedelta

import pytest

from agenda.models import Event
from galleries.models import Album, Video
from ppid.models import DocumentType, InformationEntry
from tests.formreader import read_form

pytestmark = pytest.mark.django_db


def add_form(client, url, form_id):
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return read_form(page.content, form_id)


def event_values(world):
    return {
        "title": "Bupati Membuka MTQ ke-47",
        "slug": "bupati-membuka-mtq-47",
        "summary": "Pembukaan MTQ tingkat kabupaten.",
        "starts_at": "2026-12-10T19:30",
        "ends_at": "2026-12-10T22:00",
        "place": "Stadion Heroes Sangatta",
        "perangkat_daerah": str(world.pd.pk),
    }


def album_values(world):
    return {
        "title": "Foto Peresmian Jembatan",
        "slug": "foto-peresmian-jembatan",
        "perangkat_daerah": str(world.pd.pk),
        "photos-0-image": str(world.image.pk),
        "photos-0-caption": "Bupati menggunting pita.",
        "photos-0-credit": "Humas Diskominfo",
        "photos-0-order": "1",
    }


def video_values(world):
    return {
        "title": "Video Festival Magic Land",
        "slug": "video-festival-magic-land",
        "youtube_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "perangkat_daerah": str(world.pd.pk),
    }


def entry_values(world):
    return {
        "title": "LKjIP Dinas 2025",
        "slug": "lkjip-dinas-2025",
        "kip_class": "berkala",
        "year": "2025",
        "doc_type": str(DocumentType.objects.get(slug="lkjip").pk),
        "summary": "Laporan kinerja instansi pemerintah.",
        "external_url": "https://jdih.example.go.id/lkjip-2025.pdf",
        "perangkat_daerah": str(world.pd.pk),
    }


TYPES = [
    ("agenda", "event", Event, event_values, "title"),
    ("galleries", "album", Album, album_values, "title"),
    ("galleries", "video", Video, video_values, "title"),
    ("ppid", "informationentry", InformationEntry, entry_values, "title"),
]


@pytest.mark.parametrize("app,model_name,model,values,field", TYPES)
def test_type_goes_through_the_workflow_in_the_admin(
    world, as_user, client, app, model_name, model, values, field
):
    base = f"/admin/{app}/{model_name}/"
    penulis = as_user(world.penulis)
    data = add_form(penulis, base + "add/", f"{model_name}_form")
    data.update(values(world))
    response = penulis.post(base + "add/", {**data, "_continue": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    obj = model.objects.get(slug=values(world)["slug"])
    assert obj.perangkat_daerah == world.pd and obj.status == "draft"
    assert obj.revisions.count() == 1

    # Another PD's Penulis: invisible (404), also for the workflow and preview pages.
    other = as_user(world.penulis_other)
    for suffix in ("change/", "workflow/", "preview/", "history/"):
        assert other.get(f"{base}{obj.pk}/{suffix}").status_code == 404, suffix
    assert obj.title not in other.get(base).content.decode()

    # The writer previews it as the public page (noindex) and sees its history.
    preview = penulis.get(f"{base}{obj.pk}/preview/")
    assert preview.status_code == 200 and obj.title in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert penulis.get(f"{base}{obj.pk}/history/").status_code == 200

    # Not public before publication.
    assert client.get(obj.get_absolute_url()).status_code == 404
    # The writer submits, the editor publishes, both through the status page.
    response = penulis.post(
        f"{base}{obj.pk}/workflow/", {"action": "submit", "version": obj.version}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()
    assert obj.status == "review"
    response = penulis.post(
        f"{base}{obj.pk}/workflow/", {"action": "publish", "version": obj.version}
    )
    assert response.status_code == 403  # a Penulis may not publish
    editor = as_user(world.redaktur)
    response = editor.post(
        f"{base}{obj.pk}/workflow/", {"action": "publish", "version": obj.version}
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.status == "published" and obj.is_live
    live_title = obj.title
    assert live_title in client.get(obj.get_absolute_url()).content.decode()

    # The Penulis edits the live item: a proposal; readers keep the live version.
    page = penulis.get(f"{base}{obj.pk}/change/")
    data = read_form(page.content, f"{model_name}_form")
    data[field] = "Judul Usulan Baru"
    response = penulis.post(f"{base}{obj.pk}/change/", {**data, "_continue": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    obj.refresh_from_db()
    assert obj.title == live_title
    assert obj.revisions.filter(state="pending").count() == 1
    public = client.get(obj.get_absolute_url()).content.decode()
    assert live_title in public and "Judul Usulan Baru" not in public
    # The Redaktur compares the proposal with the first revision and approves it.
    first, pending = obj.revisions.order_by("pk").first(), obj.revisions.get(state="pending")
    compare = editor.get(f"{base}{obj.pk}/compare/?a={first.pk}&b={pending.pk}")
    assert compare.status_code == 200
    assert '<ins class="diff-ins">Usulan' in compare.content.decode()
    response = editor.post(
        f"{base}{obj.pk}/revisions/{pending.pk}/approve/", {"version": obj.version}
    )
    assert response.status_code == 302
    assert "Judul Usulan Baru" in client.get(obj.get_absolute_url()).content.decode()


def test_penulis_cannot_create_for_another_agency(world, as_user):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/agenda/event/add/", "event_form")
    data.update(event_values(world), perangkat_daerah=str(world.other_pd.pk))
    response = penulis.post("/admin/agenda/event/add/", data)
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_end_before_start_is_an_indonesian_form_error(world, as_user):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/agenda/event/add/", "event_form")
    data.update(event_values(world), ends_at="2026-12-10T08:00")
    response = penulis.post("/admin/agenda/event/add/", data)
    assert response.status_code == 200
    assert "Waktu selesai tidak boleh sebelum waktu mulai." in response.content.decode()
    assert not Event.objects.exists()


def test_all_day_event_end_is_its_last_day_and_saving_twice_keeps_it(world, as_user):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/agenda/event/add/", "event_form")
    data.update(event_values(world), all_day="on", starts_at="2026-12-10T00:00",
                ends_at="2026-12-11T00:00")  # fmt: skip
    assert penulis.post("/admin/agenda/event/add/", {**data, "_continue": "1"}).status_code == 302
    event = Event.objects.get()
    assert (str(event.first_day), str(event.last_day)) == ("2026-12-10", "2026-12-11")
    page = penulis.get(f"/admin/agenda/event/{event.pk}/change/")
    data = read_form(page.content, "event_form")
    assert data["ends_at"] == "2026-12-11T00:00"
    assert penulis.post(f"/admin/agenda/event/{event.pk}/change/", data).status_code == 302
    event.refresh_from_db()
    assert (str(event.first_day), str(event.last_day)) == ("2026-12-10", "2026-12-11")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "//evil.example/", "data:text/html,x"],
)
def test_hostile_coverage_link_is_refused(world, as_user, url):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/agenda/event/add/", "event_form")
    data.update(event_values(world), coverage_url=url)
    response = penulis.post("/admin/agenda/event/add/", data)
    assert response.status_code == 200
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["https://vimeo.com/12345", "https://evil.example/watch?v=dQw4w9WgXcQ", "javascript:alert(1)"],
)
def test_only_youtube_links_are_videos(world, as_user, url):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/galleries/video/add/", "video_form")
    data.update(video_values(world), youtube_url=url)
    response = penulis.post("/admin/galleries/video/add/", data)
    assert response.status_code == 200
    assert "Masukkan alamat YouTube" in response.content.decode()
    assert not Video.objects.exists()


def test_exempt_entry_needs_a_legal_reason(world, as_user):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/ppid/informationentry/add/", "informationentry_form")
    data.update(entry_values(world), kip_class="dikecualikan", legal_reason="")
    response = penulis.post("/admin/ppid/informationentry/add/", data)
    assert response.status_code == 200
    assert "alasan hukum" in response.content.decode().lower()
    assert not InformationEntry.objects.exists()


def test_event_without_end_gets_its_default_end(world, as_user):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/agenda/event/add/", "event_form")
    data.update(event_values(world), ends_at="")
    assert penulis.post("/admin/agenda/event/add/", {**data, "_continue": "1"}).status_code == 302
    event = Event.objects.get()
    assert event.ends_at - event.starts_at == timedelta(hours=2)


@pytest.mark.parametrize("value", ["kemarin", "2026-13-40T25:99", "\x00", "9" * 40])
def test_hostile_dates_are_form_errors_not_500(world, as_user, value):
    penulis = as_user(world.penulis)
    data = add_form(penulis, "/admin/agenda/event/add/", "event_form")
    data.update(event_values(world), starts_at=value)
    response = penulis.post("/admin/agenda/event/add/", data)
    # A form error, or the request guard's clear 400 for a NUL byte; never a 500.
    assert response.status_code == (400 if "\x00" in value else 200)
    assert not Event.objects.exists()


@pytest.mark.parametrize("app,model_name,model,values,field", TYPES)
def test_share_link_opens_a_draft_of_each_type(
    world, as_user, client, app, model_name, model, values, field
):
    from publishing import sharelinks

    penulis = as_user(world.penulis)
    data = add_form(penulis, f"/admin/{app}/{model_name}/add/", f"{model_name}_form")
    data.update(values(world))
    assert penulis.post(f"/admin/{app}/{model_name}/add/", data).status_code == 302
    obj = model.objects.get()
    link = sharelinks.create(world.redaktur, obj)
    response = client.get(sharelinks.url_for(link))
    assert response.status_code == 200
    assert obj.title in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    sharelinks.revoke(world.redaktur, link)
    assert client.get(sharelinks.url_for(link)).status_code == 404
