"""Wording on the portal types' admin forms (Indonesian catalogue): the body is "Isi"
on announcements and pages, an event is an "acara", the unpublish button is not about
"berita", the publication expiry reads "Tayang sampai" (not confused with an event's end)."""

import json

import pytest
from django.contrib.messages import get_messages
from lxml import html as lxml_html

from publishing import workflow
from tests.portal_pages.helpers import grant_content_permissions

from .conftest import publish
from .content import one_of_each
from .test_agenda import make_event

pytestmark = pytest.mark.django_db


def test_body_label_is_isi_on_announcement_and_page_forms(world, as_user):
    grant_content_permissions()
    client = as_user(world.admin)
    for url in ("/admin/announcements/announcement/add/", "/admin/pages/page/add/"):
        html = client.get(url).content.decode()
        assert '<label for="id_body">Isi:</label>' in html or ">Isi</label>" in html, url
        assert "Isi berita" not in html


def test_event_add_title_and_status_panel_wording(world, as_user):
    client = as_user(world.redaktur)
    add = client.get("/admin/agenda/event/add/").content.decode()
    assert "Tambahkan acara" in add and "peristiwa" not in add
    event = publish(world, make_event(world, title="Rapat Koordinasi"))
    html = client.get(f"/admin/agenda/event/{event.pk}/change/").content.decode()
    assert "Tarik berita" not in html and "Tarik acara dari situs" in html
    assert "Waktu berakhir" not in html


TYPE_NAMES = {
    "berita": "berita",
    "halaman": "halaman",
    "pengumuman": "pengumuman",
    "agenda": "acara",
    "galeri": "album foto",
    "video": "video",
    "dokumen": "informasi publik",
}


def buttons(html):
    doc = lxml_html.fromstring(html)
    return [b.text_content().strip() for b in doc.xpath("//form[@class='wf-action']//button")]


def test_status_buttons_messages_and_notices_name_the_type(world, as_user):
    grant_content_permissions()
    editor = as_user(world.redaktur)
    for kind, item in one_of_each(world).items():
        name = TYPE_NAMES[kind]
        base = f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/"
        page = editor.get(base + "change/").content.decode()
        assert f"Tarik {name} dari situs" in buttons(page), kind
        assert f"{name.capitalize()} ini sudah terbit atau terjadwal." in page, kind
        # Unsaved-text guard on every type's form, worded for the type.
        data = lxml_html.fromstring(page).get_element_by_id("draft-autosave").text_content()
        assert json.loads(data)["changed"].startswith(f"{name.capitalize()} ini sudah disimpan")
        version = str(item.version)
        response = editor.post(
            base + "workflow/", {"action": "unpublish", "comment": "Salah data", "version": version}
        )
        assert response.status_code == 302, kind
        done = [str(m) for m in get_messages(response.wsgi_request)]
        assert done == [f"Selesai: Tarik {name} dari situs."], kind
        item.refresh_from_db()
        workflow.restore(world.redaktur, item)
        page = editor.get(base + "change/").content.decode()
        assert f"Ajukan {name} untuk ditinjau" in buttons(page), kind
        assert f"Terbitkan {name} sekarang" in buttons(page) and "Jadwalkan" in buttons(page)
