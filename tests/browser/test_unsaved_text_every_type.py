"""The unsaved-text guard is not the article form's alone: on an announcement
(Pengumuman) form in Chromium the typed text is kept, leaving asks first, opening the
form again offers it back, and a successful save clears it; the mechanism is the one
in publishing (every publishing type's admin has it)."""

import pytest

from announcements.models import Announcement
from perangkat_daerah.roles import PENULIS
from tests import factories
from tests.portal_pages.helpers import regroup

from .autosave import leave_and_reopen, stored_drafts
from .test_editorial_story import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADD = "/admin/announcements/announcement/add/"
TITLE = "Seleksi Calon Paskibraka — Kecamatan Sangkulirang"
SUMMARY = "Pendaftaran dibuka sampai akhir bulan; berkas dikirim ke sekretariat (ñ, é)."


@pytest.fixture
def penulis(transactional_db):
    regroup()
    pd = factories.make_pd("Dinas Pemuda dan Olahraga")
    user = factories.make_user(PENULIS, pd, username="penulis")
    user.set_password("demo")
    user.save()
    return user


def test_announcement_form_keeps_unsaved_text_and_offers_it_back(browser, live_server, penulis):
    base = live_server.url
    page = login(browser, base, "penulis")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + ADD)
    page.locator(".ck-editor__editable").first.wait_for()
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    page.wait_for_function(
        "Object.values(localStorage).some(v => v.includes('Paskibraka'))", timeout=5000
    )
    assert len(stored_drafts(page)) == 1

    # Leaving asks first; opened again, the text is offered back.
    page = leave_and_reopen(page, base + ADD, errors)
    page.click(".draft-autosave-restore")
    assert page.input_value("#id_title") == TITLE
    assert page.input_value("#id_summary") == SUMMARY

    page.click("input[name=_save]")
    page.wait_for_url(f"{base}/admin/announcements/announcement/")
    assert Announcement.objects.get().summary == SUMMARY
    assert stored_drafts(page) == []
    page.goto(base + ADD)
    page.locator(".ck-editor__editable").first.wait_for()
    page.wait_for_timeout(300)
    assert page.locator(".draft-autosave").count() == 0
    assert errors == []
