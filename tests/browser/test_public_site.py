"""The public site in a real browser (Debian chromium through Playwright), phone and desktop:
home -> article -> tag -> search -> feed, with no failed request, no third-party request
and no console error."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from perangkat_daerah.roles import REDAKTUR
from publishing import workflow
from site_settings.models import SiteSettings
from tests.factories import add_byline, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_content(transactional_db):
    Group.objects.get_or_create(name=REDAKTUR)
    site = SiteSettings.load()
    site.site_name = "Diskominfo Uji"
    site.footer_text = "Kabupaten Kutai Timur adalah salah satu kabupaten di Kalimantan Timur."
    site.save()
    editor = make_user(REDAKTUR)
    articles = []
    for n, title in enumerate(["Bupati Resmikan Jembatan Baru", "Festival Budaya Wehea Meriah"]):
        article = make_article(title=title, dateline="SANGATTA", is_featured=(n == 0))
        article.tags.add("pembangunan")
        add_byline(article, "Wak Hedir")
        workflow.publish(editor, article, when=timezone.now() - timedelta(hours=n + 1))
        articles.append(article)
    cache.clear()
    return articles


def console_problem(message):
    """A console error, except Chromium's own XSLT deprecation banner on the feed page
    (the browser injects it with inline style and handlers; our CSP blocks them)."""
    if message.type != "error":
        return False
    on_feed = message.location.get("url", "").endswith(("/rss/", "/atom/"))
    return not (on_feed and "violates the following Content Security Policy" in message.text)


@pytest.mark.parametrize("viewport", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
def test_reader_journey(browser, live_server, site_content, viewport):
    width, height = viewport
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=width < 768, locale="id-ID"
    )
    page = context.new_page()
    problems, foreign = [], []
    page.on("console", lambda m: console_problem(m) and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))

    def on_response(response):
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("response", on_response)
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url),
    )

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.title().startswith("Diskominfo Uji")
    page.locator(".headline .teaser-title a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Bupati Resmikan Jembatan Baru"
    assert "SANGATTA" in page.locator(".body").inner_text()
    assert page.locator(".share-list a").first.inner_text() == "WhatsApp"

    page.locator(".tags a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "#pembangunan"
    assert page.locator(".teaser").count() == 2

    page.fill("#q-top", "festival")
    page.press("#q-top", "Enter")
    page.wait_for_load_state()
    assert "/cari/" in page.url
    assert "Festival Budaya Wehea Meriah" in page.locator(".list").inner_text()
    assert page.locator(".list mark").count() >= 1

    feed_href = page.locator("link[type='application/rss+xml']").first.get_attribute("href")
    response = page.goto(live_server.url + feed_href)
    assert response.status == 200
    assert "xml" in response.headers["content-type"]
    assert "Bupati Resmikan Jembatan Baru" in response.text()

    context.close()
    assert problems == []
    assert foreign == []
