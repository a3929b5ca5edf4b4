"""The whole editorial story in a real browser (Playwright driving Debian's chromium).

penulis writes a draft with a photo and submits → redaktur requests changes →
penulis fixes and resubmits → redaktur schedules it two minutes ahead → not public,
then public → penulis edits the live article → the public keeps the old text until
redaktur approves → redaktur unpublishes → the URL answers 410.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from perangkat_daerah.roles import PENULIS, REDAKTUR
from publishing.models import Transition
from tests import factories
from tests.workflow.helpers import ensure_groups

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(transactional_db):
    ensure_groups()
    pd = factories.make_pd("Dinas Komunikasi dan Informatika")
    penulis = factories.make_user(PENULIS, pd, username="penulis")
    redaktur = factories.make_user(REDAKTUR, username="redaktur")
    for user, first, last in ((penulis, "Putra", "Penulis"), (redaktur, "Rina", "Redaktur")):
        user.first_name, user.last_name = first, last
        user.set_password("demo")
        user.save()
    # The photo goes through media_library's pipeline (metadata stripped, renditions).
    photo = factories.make_image(
        pd,
        alt_text="Peserta bimtek mendengarkan paparan",
        title="Foto bimtek humas",
        uploaded_by=penulis,
    )
    category = factories.make_category("Berita")
    return {
        "pd": pd,
        "penulis": penulis,
        "redaktur": redaktur,
        "photo": photo,
        "category": category,
    }


def login(browser, base, username):
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return page


def pick_autocomplete(page, field, text):
    """Choose an option in a Django admin autocomplete (select2) widget."""
    page.click(f".field-{field} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def write_body(page, text):
    editable = page.locator(".ck-editor__editable").first
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def status_of(article):
    article.refresh_from_db()
    return article.status


def test_editorial_story(browser, live_server, newsroom, monkeypatch):
    base = live_server.url
    public = browser.new_context().new_page()

    # 1. Penulis writes a draft with a photo and submits it.
    penulis = login(browser, base, "penulis")
    penulis.goto(f"{base}/admin/articles/article/add/")
    penulis.fill("#id_title", "Diskominfo Gelar Bimtek Kehumasan")
    penulis.fill("#id_dateline", "SANGATTA")
    penulis.fill("#id_lead", "Bimtek kehumasan diikuti humas seluruh perangkat daerah.")
    write_body(penulis, "Kegiatan berlangsung tiga hari di Sangatta.")
    pick_autocomplete(penulis, "featured_image", "Foto bimtek humas")
    pick_autocomplete(penulis, "category", "Berita")
    penulis.click("input[name=_continue]")
    penulis.wait_for_selector("#workflow-panel")
    article = Article.objects.get(title="Diskominfo Gelar Bimtek Kehumasan")
    assert article.featured_image == newsroom["photo"]
    assert article.slug == "diskominfo-gelar-bimtek-kehumasan"
    assert "tiga hari" in article.body
    penulis.click("#wf-submit button")
    penulis.wait_for_selector("#workflow-panel")
    assert status_of(article) == "review"

    # 2. Redaktur finds it in the review queue and requests changes with a comment.
    redaktur = login(browser, base, "redaktur")
    redaktur.click(f"#review-queue + ol a:has-text('{article.title}')")
    redaktur.fill("#comment-request_changes", "Sebutkan jumlah peserta di teras berita.")
    redaktur.click("#wf-request_changes button")
    redaktur.wait_for_selector("#workflow-panel")
    assert status_of(article) == "draft"

    # 3. Penulis sees the comment, fixes the lead and resubmits.
    penulis.goto(f"{base}/admin/")
    assert "Sebutkan jumlah peserta" in penulis.inner_text("#editorial-dashboard")
    penulis.click(f"#editorial-dashboard a:has-text('{article.title}')")
    assert "Sebutkan jumlah peserta" in penulis.inner_text("#requested-changes")
    penulis.fill("#id_lead", "Bimtek kehumasan diikuti 120 humas perangkat daerah.")
    penulis.click("input[name=_continue]")
    penulis.wait_for_selector("#wf-submit")
    penulis.click("#wf-submit button")
    penulis.wait_for_selector("#workflow-panel")
    assert status_of(article) == "review"

    # 4. Redaktur schedules it two minutes ahead (entered in site time, WITA).
    redaktur.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    when = timezone.localtime() + timedelta(minutes=2)
    redaktur.fill("#when-schedule", when.strftime("%Y-%m-%dT%H:%M"))
    redaktur.click("#wf-schedule button")
    redaktur.wait_for_selector("#scheduled-for")
    assert "WITA" in redaktur.inner_text("#scheduled-for")
    assert status_of(article) == "published" and article.is_scheduled

    # 5. Not public yet …
    url = f"{base}{article.get_absolute_url()}"
    assert public.goto(url).status == 404
    public.goto(f"{base}/")
    assert article.title not in public.content()
    # … then it is. We do not wait two real minutes: the clock of this process (the
    # live server runs in a thread of it) jumps 150 seconds ahead. Nothing else
    # happens: no job, no save — the predicate `published_at <= now()` and the page
    # cache's "next scheduled publication" boundary both see the new time.
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=150))
    assert public.goto(url).status == 200
    assert "120 humas" in public.content()
    public.goto(f"{base}/")
    assert article.title in public.content()

    # 6. Penulis edits the live article: saved as a pending change.
    penulis.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    assert penulis.locator("#goes-pending").is_visible()
    penulis.fill("#id_lead", "Bimtek kehumasan diikuti 125 humas perangkat daerah.")
    penulis.click("input[name=_continue]")
    penulis.wait_for_selector("#pending-revision")
    public.goto(url)
    assert "120 humas" in public.content() and "125 humas" not in public.content()

    # 7. Redaktur approves it: now the public sees the new text, and the log says so.
    redaktur.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    redaktur.click("#pending-revision button[name=approve]")
    redaktur.wait_for_selector("#workflow-panel")
    public.goto(url)
    assert "125 humas" in public.content()
    assert Transition.objects.filter(article=article, action="approve_revision").exists()

    # 8. Redaktur unpublishes with a reason: the URL answers 410 Gone.
    redaktur.fill("#comment-unpublish", "Data peserta perlu diverifikasi ulang.")
    redaktur.click("#wf-unpublish button")
    redaktur.wait_for_selector("#wf-restore")
    assert status_of(article) == "archived"
    assert public.goto(url).status == 410

    actions = list(
        article.transitions.order_by("created_at", "pk").values_list("action", flat=True)
    )
    assert actions == [
        "submit",
        "request_changes",
        "submit",
        "schedule",
        "approve_revision",
        "unpublish",
    ]
