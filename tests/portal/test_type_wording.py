"""Wording on the portal types' admin forms (Indonesian catalogue): the body is "Isi"
on announcements and pages, an event is an "acara", the unpublish button is not about
"berita", the publication expiry reads "Tayang sampai" (not confused with an event's end)."""

import pytest

from tests.portal_pages.helpers import grant_content_permissions

from .conftest import publish
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
    assert "Tarik berita" not in html and "Tarik dari situs" in html
    assert "Waktu berakhir" not in html
