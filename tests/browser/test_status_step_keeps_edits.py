"""A status button pressed with unsaved edits in the form (issue 10, newcomer on a
phone): the edits are saved first, then the step runs; nothing typed is lost."""

import pytest

from announcements.models import Announcement

from .test_announcement_expiry import newsroom  # noqa: F401 (fixture)
from .test_editorial_story import login, write_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_with_unsaved_edits_saves_them(browser, live_server, newsroom):  # noqa: F811
    base = live_server.url
    penulis = login(browser, base, "penulis")
    penulis.set_viewport_size({"width": 390, "height": 844})
    penulis.goto(f"{base}/admin/announcements/announcement/add/")
    penulis.fill("#id_title", "Vaksinasi Gratis di Sangatta")
    penulis.fill("#id_summary", "Ringkasan awal.")
    write_body(penulis, "Isi awal.")
    penulis.click("input[name=_continue]")
    penulis.wait_for_selector("#workflow-panel")

    penulis.fill("#id_summary", "Ringkasan yang belum disimpan.")
    write_body(penulis, "Isi yang belum disimpan.")
    penulis.click("#wf-submit button")
    penulis.wait_for_selector("#workflow-panel")
    penulis.wait_for_selector("text=Selesai")

    item = Announcement.objects.get(title="Vaksinasi Gratis di Sangatta")
    assert item.status == "review"
    assert item.summary == "Ringkasan yang belum disimpan."
    assert "Isi yang belum disimpan." in item.body
