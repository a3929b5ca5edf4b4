"""An announcement's whole life in a real browser (Playwright driving Debian's chromium).

penulis writes it and submits → redaktur publishes it with an expiry two minutes
ahead (site time) → it is on the home page, in the feed and in search → after its
expiry minute it is gone from all of them while its address says it has ended. And
the site menu on a 390-px phone, with the keyboard and without JavaScript."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from announcements.models import Announcement
from pages.models import Page
from perangkat_daerah.roles import PENULIS, REDAKTUR
from site_settings.models import MenuItem
from tests import factories
from tests.portal_pages.helpers import regroup

from .test_editorial_story import login, write_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Pendaftaran Pelatihan Literasi Digital UMKM"


@pytest.fixture
def newsroom(transactional_db):
    regroup()
    pd = factories.make_pd("Dinas Komunikasi dan Informatika")
    penulis = factories.make_user(PENULIS, pd, username="penulis")
    redaktur = factories.make_user(REDAKTUR, username="redaktur")
    for user in (penulis, redaktur):
        user.set_password("demo")
        user.save()
    return {"pd": pd, "penulis": penulis, "redaktur": redaktur}


def test_announcement_leaves_at_its_expiry_minute(browser, live_server, newsroom, monkeypatch):
    base = live_server.url
    public = browser.new_context().new_page()

    # 1. Penulis writes the announcement and submits it.
    penulis = login(browser, base, "penulis")
    penulis.goto(f"{base}/admin/announcements/announcement/add/")
    penulis.fill("#id_title", TITLE)
    penulis.fill("#id_summary", "Kuota 60 peserta, gratis.")
    write_body(penulis, "Pelatihan tiga hari di Sangatta bagi pelaku UMKM.")
    penulis.click("input[name=_continue]")
    penulis.wait_for_selector("#workflow-panel")
    item = Announcement.objects.get(title=TITLE)
    assert item.slug == "pendaftaran-pelatihan-literasi-digital-umkm"
    assert item.perangkat_daerah == newsroom["pd"]
    penulis.click("#wf-submit button")
    penulis.wait_for_selector("#workflow-panel")
    item.refresh_from_db()
    assert item.status == "review"

    # 2. Redaktur publishes it now, ending two minutes ahead (entered in WITA).
    redaktur = login(browser, base, "redaktur")
    redaktur.goto(f"{base}/admin/announcements/announcement/{item.pk}/change/")
    ends = timezone.localtime() + timedelta(minutes=2)
    redaktur.fill("#expires-publish", ends.strftime("%Y-%m-%dT%H:%M"))
    redaktur.click("#wf-publish button")
    redaktur.wait_for_selector("#expires-at")
    assert "WITA" in redaktur.inner_text("#expires-at")
    item.refresh_from_db()
    assert item.is_live and item.expires_at == ends.replace(second=0, microsecond=0)

    # 3. Public: home, feeds and search show it.
    url = f"{base}{item.get_absolute_url()}"
    public.goto(f"{base}/")
    assert TITLE in public.inner_text("#pengumuman-beranda")
    for feed in ("/pengumuman/rss/", "/pengumuman/atom/"):
        assert TITLE in public.request.get(f"{base}{feed}").text()
    public.goto(f"{base}/cari/?q=literasi+digital")
    assert TITLE in public.inner_text(".search-hit-pengumuman")
    public.goto(f"{base}/pengumuman/?q=literasi")
    assert TITLE in public.content()
    assert public.goto(url).status == 200
    assert public.locator("#sudah-berakhir").count() == 0

    # 4. Past the expiry minute. We do not wait: this process's clock (the live server
    # runs in a thread of it) jumps 150 seconds ahead; nothing is saved, no job runs.
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=150))
    public.goto(f"{base}/")
    assert TITLE not in public.content()
    for feed in ("/pengumuman/rss/", "/pengumuman/atom/", "/sitemap-pengumuman.xml"):
        assert TITLE not in public.request.get(f"{base}{feed}").text()
        assert item.slug not in public.request.get(f"{base}{feed}").text()
    public.goto(f"{base}/cari/?q=literasi+digital")
    assert public.locator(".search-hit-pengumuman").count() == 0
    assert item.get_absolute_url() not in public.content()
    public.goto(f"{base}/pengumuman/?q=literasi")
    assert TITLE not in public.content()
    response = public.goto(url)
    assert response.status == 200
    assert "sudah berakhir" in public.inner_text("#sudah-berakhir")
    robots = public.locator('meta[name="robots"]').get_attribute("content")
    assert robots == "noindex"
    assert response.headers["x-robots-tag"] == "noindex"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_menu_on_a_phone_with_the_keyboard(browser, live_server, newsroom, javascript):
    editor = newsroom["redaktur"]
    profil = Page.objects.create(title="Profil", slug="profil", body="<p>Profil.</p>")
    visi = Page.objects.create(
        title="Visi & Misi", slug="visi-misi", parent=profil, body="<p>V</p>"
    )
    from publishing import workflow

    for page in (profil, visi):
        workflow.publish(editor, page)
    top = MenuItem.objects.create(title="Profil", url="/halaman/profil/", order=1)
    MenuItem.objects.create(
        title="Visi & Misi", parent=top, order=1,
        target_type=ContentType.objects.get_for_model(Page), target_id=visi.pk,
    )  # fmt: skip
    for n in range(6):
        MenuItem.objects.create(title=f"Layanan Publik {n}", url=f"/halaman/x{n}/", order=10 + n)

    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(f"{live_server.url}/")
    # Keyboard only: Tab to the folded "Menu", open it, then the sub-menu, follow the link.
    sub_link = phone.locator(".site-menu details a:has-text('Visi & Misi')")
    assert not sub_link.is_visible()
    for label in ("Menu", "Profil"):
        for _ in range(20):
            phone.keyboard.press("Tab")
            if phone.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        assert phone.evaluate("document.activeElement.textContent") == label
        phone.keyboard.press("Enter")
    # Nothing sticks out sideways: every item is on the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    last = phone.locator(".site-menu a:has-text('Layanan Publik 5')").bounding_box()
    assert last["x"] >= 0 and last["x"] + last["width"] <= 390
    assert sub_link.is_visible()
    box = sub_link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    for _ in range(5):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.textContent") == "Visi & Misi":
            break
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{live_server.url}/halaman/profil/visi-misi/")
    assert "Visi & Misi" in phone.inner_text("h1")
    context.close()
