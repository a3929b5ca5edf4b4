"""Issue 10 (portal content), in Chromium: no public page scrolls sideways at 320 px
(search filters, the styled feed page), the album lightbox keeps Tab inside while open
and its backdrop hides the page, and the footer sits at the bottom of a short page with
its © bar in the content column."""

import pytest

from perangkat_daerah.models import PerangkatDaerah

from .test_phone_layout import WIDE, open_page, site  # noqa: F401 (site is a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("site"),
]
NARROW = {"width": 320, "height": 700}
LONG_PD = "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB"


def test_no_public_page_scrolls_sideways_at_320_px(browser, live_server):
    PerangkatDaerah.objects.create(name=LONG_PD, short_name="DP3AP2KB", slug="dp3ap2kb")
    paths = [
        "/", "/cari/?q=rapat", "/cari/?q=&pd=dp3ap2kb", "/agenda/", "/agenda/kalender/",
        "/galeri/", "/galeri/foto/pasar-rakyat/", "/galeri/video/liputan-festival/", "/ppid/",
        "/ppid/dpa-dinkes-2025/", "/pengumuman/", "/pengumuman/atom/", "/rss/", "/berita/",
    ]  # fmt: skip
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            wide[path] = width
    context.close()
    assert wide == {}


def test_search_filters_stay_inside_their_panel(browser, live_server):
    PerangkatDaerah.objects.create(name=LONG_PD, short_name="DP3AP2KB", slug="dp3ap2kb")
    context, page = open_page(browser, live_server, "/cari/?q=rapat", viewport=NARROW)
    panel = page.locator(".search-form").bounding_box()
    for box in page.locator(".search-form select, .search-form input").all():
        field = box.bounding_box()
        assert (
            field["x"] >= panel["x"] and field["x"] + field["width"] <= panel["x"] + panel["width"]
        ), field
    context.close()


def test_styled_feed_heading_fits_any_feed(browser, live_server):
    context, page = open_page(browser, live_server, "/pengumuman/atom/", viewport=NARROW)
    heading = page.locator("#h-isi")
    heading.wait_for()
    assert heading.inner_text() == "Isi terbaru umpan ini"
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    context.close()


def test_lightbox_keeps_tab_inside_and_covers_the_page(browser, live_server):
    context, page = open_page(browser, live_server, "/galeri/foto/pasar-rakyat/", viewport=WIDE)
    page.locator(".album-grid a").first.click()
    lightbox = page.locator("#foto-1")
    assert lightbox.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#foto-1')).backgroundColor") == (
        "rgb(13, 17, 23)"
    )  # opaque: the caption list behind cannot show through
    assert "1 dari 2" in lightbox.inner_text()
    visited = []
    for _ in range(5):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("!!document.activeElement.closest('#foto-1')"))
    assert all(visited), visited
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("!!document.activeElement.closest('#foto-1')")
    # the next photo keeps focus on its own "Berikutnya"/"Tutup" links
    page.locator("#foto-1 [data-lightbox-next]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#foto-2'")
    assert page.evaluate("!!document.activeElement.closest('#foto-2')")
    context.close()


def test_lightbox_still_opens_without_javascript(browser, live_server):
    context, page = open_page(
        browser, live_server, "/galeri/foto/pasar-rakyat/#foto-2", viewport=WIDE, javascript=False
    )
    assert (
        page.locator("#foto-2").is_visible() and "2 dari 2" in page.locator("#foto-2").inner_text()
    )
    context.close()


def test_footer_sits_at_the_bottom_and_the_copyright_in_the_content_column(browser, live_server):
    context, page = open_page(browser, live_server, "/halaman/tidak-ada/", viewport=WIDE)
    footer = page.locator(".site-footer").bounding_box()
    assert footer["y"] + footer["height"] >= WIDE["height"] - 1  # no white band below
    main = page.locator(".footer-name").first.bounding_box()  # the content column
    copyright_ = page.locator(".copyright").bounding_box()
    assert abs(copyright_["x"] - main["x"]) <= 1
    assert copyright_["x"] + copyright_["width"] <= WIDE["width"] - main["x"] + 1
    context.close()
