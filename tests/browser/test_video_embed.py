"""A YouTube video inserted with the editor's media-embed button, in Chromium: before the
reader clicks, no request leaves the site; the click puts in the youtube-nocookie.com
player. Requests to other hosts are aborted (and recorded) so nothing goes out."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from perangkat_daerah.roles import REDAKTUR
from publishing import workflow
from site_settings.models import SiteSettings
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BODY = (
    "<p>Bupati membuka festival.</p>"
    '<figure class="media"><oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ">'
    "</oembed></figure><p>Penutup.</p>"
)


@pytest.fixture
def video_article(transactional_db):
    Group.objects.get_or_create(name=REDAKTUR)
    SiteSettings.load()
    article = make_article(title="Festival Budaya dengan Video", body=BODY)
    workflow.publish(make_user(REDAKTUR), article, when=timezone.now() - timedelta(hours=1))
    cache.clear()
    return article


def open_page(browser, live_server, article, javascript=True):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    requests, outside, problems = [], [], []

    def route(r):
        if r.request.url.startswith(live_server.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "console",
        lambda m: m.type == "error" and "net::ERR_FAILED" not in m.text and problems.append(m.text),
    )
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    return context, page, requests, outside, problems


def test_nothing_leaves_the_site_before_the_click_then_nocookie_player(
    browser, live_server, video_article
):
    context, page, requests, outside, problems = open_page(browser, live_server, video_article)
    link = page.locator(".body a.video-embed-link")
    assert link.count() == 1
    assert page.locator("iframe").count() == 0
    page.locator(".body").scroll_into_view_if_needed()
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert requests and all(url.startswith(live_server.url) for url in requests), requests
    assert outside == []

    link.click()
    frame = page.locator(".body iframe.video-embed-frame")
    frame.wait_for(state="attached")
    src = frame.get_attribute("src")
    assert src == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert page.url.endswith(video_article.get_absolute_url())  # stayed on the article
    page.wait_for_timeout(500)
    assert outside and all(u.startswith("https://www.youtube-nocookie.com/") for u in outside)
    assert not problems, problems
    context.close()


def test_without_javascript_the_preview_is_a_plain_link(browser, live_server, video_article):
    context, page, requests, outside, problems = open_page(
        browser, live_server, video_article, javascript=False
    )
    link = page.locator(".body a.video-embed-link")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "Putar video YouTube" in link.inner_text()
    assert outside == []
    context.close()
