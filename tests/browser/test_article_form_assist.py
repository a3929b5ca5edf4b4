"""The article form in Chromium: unsaved text warns before leaving, is kept in the
browser and offered back, is cleared by a successful save; the tag field suggests
existing tags."""

import pytest

from articles.models import Article
from perangkat_daerah.roles import PENULIS
from tests import factories
from tests.workflow.helpers import ensure_groups

from .autosave import leave_and_reopen, stored_drafts
from .test_editorial_story import login, write_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADD = "/admin/articles/article/add/"


@pytest.fixture
def penulis(transactional_db):
    ensure_groups()
    pd = factories.make_pd("Dinas Komunikasi dan Informatika")
    user = factories.make_user(PENULIS, pd, username="penulis")
    user.set_password("demo")
    user.save()
    factories.make_article(pd=pd).tags.add("Banjir Bandang", "Bimtek Humas")
    return user


def test_unsaved_text_warns_is_kept_offered_back_and_cleared_by_saving(
    browser, live_server, penulis
):
    base = live_server.url
    page = login(browser, base, "penulis")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + ADD)
    page.locator(".ck-editor__editable").first.wait_for()
    page.fill("#id_title", "Bimtek Humas Kutai Timur")
    page.fill("#id_lead", "Teras berita yang belum tersimpan.")
    write_body(page, "Isi berita yang diketik lalu tertinggal.")
    page.wait_for_function(
        "Object.values(localStorage).some(v => v.includes('tertinggal'))", timeout=5000
    )
    assert len(stored_drafts(page)) == 1

    # Leaving asks first; opened again, the text is offered back.
    page = leave_and_reopen(page, base + ADD, errors)
    page.click(".draft-autosave-restore")
    assert page.input_value("#id_title") == "Bimtek Humas Kutai Timur"
    assert page.input_value("#id_lead") == "Teras berita yang belum tersimpan."
    assert "tertinggal" in page.locator(".ck-editor__editable").first.inner_text()

    # A successful save clears the stored copy; the form then opens clean.
    page.click("input[name=_save]")
    page.wait_for_url(f"{base}/admin/articles/article/")
    article = Article.objects.get(title="Bimtek Humas Kutai Timur")
    assert "tertinggal" in article.body
    assert stored_drafts(page) == []
    page.goto(base + ADD)
    page.locator(".ck-editor__editable").first.wait_for()
    page.wait_for_timeout(300)
    assert page.locator(".draft-autosave").count() == 0
    assert errors == []


def test_change_page_of_a_draft_offers_its_own_text_back(browser, live_server, penulis):
    """On an existing article's change page (which also carries the workflow panel's
    forms) the article form's text is kept and offered back; discarding forgets it."""
    article = Article.objects.get()
    base = live_server.url
    page = login(browser, base, "penulis")
    url = f"{base}/admin/articles/article/{article.pk}/change/"
    page.goto(url)
    page.fill("#id_title", "Judul baru yang belum disimpan")
    page.wait_for_function("Object.values(localStorage).some(v => v.includes('Judul baru'))")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(url)
    page.locator(".draft-autosave").wait_for()
    assert page.input_value("#id_title") == article.title
    page.click(".draft-autosave-restore")
    assert page.input_value("#id_title") == "Judul baru yang belum disimpan"
    # Discarding instead forgets it.
    page.goto(url)
    page.click(".draft-autosave-discard")
    assert stored_drafts(page) == []


def test_a_failed_save_keeps_the_stored_text(browser, live_server, penulis):
    base = live_server.url
    page = login(browser, base, "penulis")
    page.goto(base + ADD)
    page.fill("#id_title", "Judul tanpa alamat")
    page.fill("#id_slug", "alamat tidak sah!")
    page.wait_for_function("Object.keys(localStorage).some(k => k.startsWith('kominfo-draft:'))")
    page.click("input[name=_save]")
    page.locator(".errornote").wait_for()
    page.wait_for_timeout(300)
    assert len(stored_drafts(page)) == 1


def test_tag_field_suggests_existing_tags(browser, live_server, penulis):
    base = live_server.url
    page = login(browser, base, "penulis")
    page.goto(base + ADD)
    page.locator("#id_tags").press_sequentially("Pemilu, bim", delay=30)
    options = page.locator("#id_tags-suggestions option")
    options.first.wait_for(state="attached")
    assert options.evaluate_all("os => os.map(o => o.value)") == ["Pemilu, Bimtek Humas, "]
