"""The public site at a 390-px phone width and with the keyboard, in Chromium (issue 10):
the header menu folds into a "Menu" disclosure that works without JavaScript, sub-menus
stay on screen, Escape closes a sub-menu and the album lightbox, the video placeholder's
label does not overlap, the PPID register and the agenda calendar are usable, and the
download buttons look like the site's buttons."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agenda.models import Event
from galleries.models import Album, AlbumPhoto, Video
from media_library import pipeline
from perangkat_daerah.roles import REDAKTUR
from ppid.models import InformationEntry, KIPClass
from publishing import workflow
from site_settings.models import MenuItem, SiteSettings
from tests.factories import make_image, make_pd, make_user
from tests.media import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
LONG = "Pejabat Pengelola Informasi dan Dokumentasi Kabupaten Kutai Timur"
BRAND_BLUE = "rgb(11, 79, 138)"


@pytest.fixture
def site(transactional_db):
    Group.objects.get_or_create(name=REDAKTUR)
    SiteSettings.load()
    editor, pd = make_user(REDAKTUR), make_pd()
    profil = MenuItem.objects.create(title="Profil", url="/halaman/profil/", order=1)
    MenuItem.objects.create(title="Visi dan Misi", url="/halaman/visi/", parent=profil, order=1)
    for n in range(5):
        MenuItem.objects.create(title=f"Layanan {n}", url=f"/halaman/layanan-{n}/", order=10 + n)
    last = MenuItem.objects.create(title="Informasi Publik", url="/ppid/", order=99)
    MenuItem.objects.create(title=LONG, url="/ppid/", parent=last, order=1)

    album = Album.objects.create(title="Pasar Rakyat", slug="pasar-rakyat", perangkat_daerah=pd)
    for i in range(2):
        AlbumPhoto.objects.create(
            album=album, image=make_image(pd, alt_text=f"Foto {i + 1}"), order=i
        )
    video = Video.objects.create(
        title="Liputan Festival Magic Land Sangatta Tahun Ini", slug="liputan-festival",
        youtube_url="https://youtu.be/dQw4w9WgXcQ", perangkat_daerah=pd,
    )  # fmt: skip
    document = pipeline.ingest_document(
        SimpleUploadedFile("dpa.pdf", files.PDF, "application/pdf"),
        title="DPA Dinas Kesehatan 2025",
        perangkat_daerah=pd,
    )
    entry = InformationEntry.objects.create(
        title="Dokumen Pelaksanaan Anggaran (DPA) Dinas Kesehatan 2025",
        slug="dpa-dinkes-2025", kip_class=KIPClass.BERKALA, year=2025,
        summary="Rincian anggaran.", perangkat_daerah=pd, document=document,
    )  # fmt: skip
    start = timezone.localtime().replace(day=10, hour=9, minute=0, second=0, microsecond=0)
    event = Event.objects.create(
        title="Rapat Koordinasi Pengelolaan Informasi", slug="rakor-informasi",
        starts_at=start, ends_at=start + timedelta(hours=2), place="Aula Diskominfo", perangkat_daerah=pd,
    )  # fmt: skip
    for obj in (album, video, entry, event):
        workflow.publish(editor, obj, when=timezone.now() - timedelta(hours=1))
    cache.clear()
    return {"album": album, "video": video, "entry": entry, "event": event}


def open_page(browser, live_server, path, viewport=PHONE, javascript=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + path)
    return context, page


def tab_to(page, predicate_js, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"never reached by Tab: {predicate_js}")


def inside(box, width):
    return box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_phone_menu_is_folded_and_opens_with_the_keyboard(browser, live_server, site, javascript):
    context, page = open_page(browser, live_server, "/", javascript=javascript)
    toggle = page.locator(".nav-toggle-button")
    first_item = page.locator(".nav-list a", has_text="Layanan 0")
    assert toggle.is_visible() and toggle.inner_text() == "Menu"
    assert not first_item.is_visible()  # folded: the page starts with its content
    tab_to(page, "el.classList.contains('nav-toggle-button')")
    page.keyboard.press("Enter")
    assert first_item.is_visible()
    # the last item's sub-menu, with a long title, opens inside the screen
    tab_to(page, "el.tagName === 'SUMMARY' && el.textContent === 'Informasi Publik'")
    page.keyboard.press("Enter")
    long_link = page.locator(".submenu a", has_text=LONG)
    assert long_link.is_visible() and inside(long_link.bounding_box(), 390)
    for link in page.locator(".nav-list a").all():
        if link.is_visible():
            assert inside(link.bounding_box(), 390), link.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tab_to(page, f"el.textContent === {LONG!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/ppid/")
    context.close()


@pytest.mark.parametrize("width", [760, 1280])
def test_wide_screen_shows_the_menu_open_and_sub_menus_stay_on_screen(
    browser, live_server, site, width
):
    viewport = {"width": width, "height": 900}
    context, page = open_page(browser, live_server, "/", viewport, javascript=False)
    assert not page.locator(".nav-toggle-button").is_visible()
    assert page.locator(".nav-list a", has_text="Layanan 4").is_visible()
    page.locator(".submenu > summary", has_text="Informasi Publik").click()
    long_link = page.locator(".submenu a", has_text=LONG)
    assert long_link.is_visible() and inside(long_link.bounding_box(), width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_escape_closes_the_open_sub_menu_then_the_phone_menu(browser, live_server, site, viewport):
    context, page = open_page(browser, live_server, "/", viewport)
    if viewport is PHONE:
        page.locator(".nav-toggle-button").click()
    tab_to(page, "el.tagName === 'SUMMARY' && el.textContent === 'Profil'")
    page.keyboard.press("Enter")
    tab_to(page, "el.textContent === 'Visi dan Misi'", limit=3)
    page.keyboard.press("Escape")
    assert page.locator(".submenu[open]").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Profil"
    if viewport is PHONE:
        page.keyboard.press("Escape")
        assert page.locator(".nav-toggle[open]").count() == 0
        assert page.evaluate("document.activeElement.textContent") == "Menu"
    context.close()


def test_escape_closes_the_album_lightbox(browser, live_server, site):
    context, page = open_page(browser, live_server, site["album"].get_absolute_url())
    thumbnail = page.locator('.album-grid a[href="#foto-1"]')
    thumbnail.focus()
    page.keyboard.press("Enter")
    assert page.locator("#foto-1").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.locator("#foto-2").is_visible() and not page.locator("#foto-1").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#foto-2").is_visible()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#foto-2"
    context.close()


def test_video_heading_and_labels_do_not_overlap_on_a_phone(browser, live_server, site):
    context, page = open_page(browser, live_server, site["video"].get_absolute_url())
    boxes = [
        page.locator(selector).bounding_box()
        for selector in ("h1", ".video-embed-link img", ".video-embed-play", ".video-embed-note")
    ]
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper["y"] + upper["height"] <= lower["y"] + 0.5, (upper, lower)
    assert all(inside(box, 390) for box in boxes)
    context.close()


def test_register_stacks_into_labelled_cards_on_a_phone(browser, live_server, site):
    context, page = open_page(browser, live_server, "/ppid/", javascript=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cells = page.locator(".register tbody td")
    assert cells.count() == 5
    for cell in cells.all():
        assert inside(cell.bounding_box(), 390)
    labels = page.evaluate(
        "[...document.querySelectorAll('.register tbody td')]"
        ".map(td => getComputedStyle(td, '::before').content)"
    )
    assert labels[0].startswith('"Judul"') and labels[3].startswith('"Tahun"'), labels
    # the header cells still name the columns for assistive technology
    assert page.locator(".register thead th").first.text_content() == "Judul"
    context.close()


def test_register_is_a_plain_table_on_a_wide_screen(browser, live_server, site):
    context, page = open_page(browser, live_server, "/ppid/", WIDE, javascript=False)
    assert page.locator(".register thead th").first.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.register tr')).display") == (
        "table-row"
    )
    context.close()


def test_calendar_scrolls_with_the_keyboard_in_a_named_region(browser, live_server, site):
    start = site["event"].starts_at
    path = f"/agenda/kalender/{start.year}/{start.month}/"
    context, page = open_page(browser, live_server, path, javascript=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.get_by_role("region", name=re.compile(r"^Agenda bulan \w+ \d{4}$"))
    assert region.count() == 1
    tab_to(page, "el.classList.contains('calendar-scroll')")
    assert page.evaluate("document.activeElement.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    page.wait_for_function("document.activeElement.scrollLeft > 0")
    assert page.locator(".scroll-hint").is_visible()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_download_buttons_look_like_the_sites_buttons(browser, live_server, site, viewport):
    context, page = open_page(browser, live_server, site["entry"].get_absolute_url(), viewport)
    button = page.get_by_role("button", name="Unduh")
    style = button.evaluate(
        "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color,"
        " b.getBoundingClientRect().height]"
    )
    assert style[0] == BRAND_BLUE and style[1] == "rgb(255, 255, 255)" and style[2] >= 44
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "DPA Dinas Kesehatan 2025.pdf"
    context.close()
