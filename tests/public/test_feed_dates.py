"""The styled feed page shows Indonesian dates (issue 10 item 6). XSLT 1.0 has no date
functions, so every item carries the text made by the one Indonesian formatter in
``k:tanggal`` (our namespace); pubDate / published stay as RFC 822 / RFC 3339."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from publishing.feeds import DATE_NAMESPACE

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
WHEN = datetime(2024, 9, 2, 6, 11, tzinfo=UTC)  # 14:11 in Asia/Makassar


@pytest.mark.parametrize("path", ["/rss/", "/atom/"])
def test_items_carry_the_indonesian_date(client, publish, path):
    publish(title="Bimtek Kehumasan", when=WHEN)
    response = client.get(path)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    dates = [el.text for el in root.iter(f"{{{DATE_NAMESPACE}}}tanggal")]
    assert dates == ["Senin, 2 September 2024 14:11 WITA"]
    if path == "/rss/":
        assert root.find("channel/item/pubDate").text == "Mon, 02 Sep 2024 06:11:00 +0000"
    else:
        assert root.find(f"{ATOM}entry/{ATOM}published").text.startswith("2024-09-02T06:11:00")


def test_feed_stylesheet_shows_the_carried_date():
    from django.contrib.staticfiles import finders

    xsl = open(finders.find("feeds/feed.xsl"), encoding="utf-8").read()
    assert f'xmlns:k="{DATE_NAMESPACE}"' in xsl
    assert xsl.count('<xsl:value-of select="k:tanggal"/>') == 2
