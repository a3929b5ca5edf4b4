"""Opened in Chromium, the RSS and Atom feeds show a readable Indonesian page (XSLT from
our own static files) that explains how to subscribe."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from perangkat_daerah.roles import REDAKTUR
from publishing import workflow
from publishing.templatetags.indonesian import tanggal
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
INDONESIAN_DAYS = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"}


@pytest.mark.parametrize("path", ["/rss/", "/atom/"])
def test_feed_opens_as_a_readable_page(browser, live_server, path, tmp_path):
    Group.objects.get_or_create(name=REDAKTUR)
    article = make_article(title="Festival Budaya Wehea Meriah")
    workflow.publish(make_user(REDAKTUR), article, when=timezone.now() - timedelta(hours=1))
    article.refresh_from_db()
    cache.clear()
    page = browser.new_page(locale="id-ID")
    foreign, problems = [], []
    page.on("request", lambda r: r.url.startswith(live_server.url) or foreign.append(r.url))
    # Chromium's console only reports its own XSLT deprecation banner (blocked by our CSP);
    # what matters here is that every request (feed, XSL, CSS) succeeds on our origin.
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page.goto(live_server.url + path)
    heading = page.locator("#h-cara")
    heading.wait_for()
    assert heading.inner_text() == "Cara berlangganan"
    assert page.locator(".feed-url").inner_text().endswith(path)
    assert page.locator(".feed-item a", has_text="Festival Budaya Wehea Meriah").count() == 1
    # the date reads the Indonesian way (k:tanggal), not "Mon, 02 Sep 2024 …"
    expected = tanggal(article.published_at)
    assert page.locator(".feed-item .feed-date").inner_text() == expected
    assert expected.endswith(" WITA") and expected.split(",")[0] in INDONESIAN_DAYS
    page.screenshot(path=str(tmp_path / "feed.png"))
    assert foreign == [] and problems == [], problems
    page.close()
