"""Scheduled publishing with a controlled clock: no cron, no worker, no request needed.

The clock is controlled by replacing django.utils.timezone.now for the duration of a
test; everything that asks "what time is it" (Article.objects.live(), the views)
goes through it. To cover a new public surface (feeds, search, sitemap), add one
function to PUBLIC_SURFACES that answers "does the public see this article?".
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from publishing import workflow

from .helpers import admin_url, make_article_in

SITE_TZ = ZoneInfo(settings.TIME_ZONE)
AT_1411 = datetime(2030, 3, 4, 14, 11, tzinfo=SITE_TZ)
AT_1410 = datetime(2030, 3, 4, 14, 10, 59, tzinfo=SITE_TZ)


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        def set(self, moment):
            monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(ZoneInfo("UTC")))

    return Clock()


def in_live_queryset(client, article):
    return Article.objects.live().filter(pk=article.pk).exists()


def on_home_page(client, article):
    return article.title in client.get("/").content.decode()


def detail_page_answers(client, article):
    return client.get(article.get_absolute_url()).status_code == 200


PUBLIC_SURFACES = [in_live_queryset, on_home_page, detail_page_answers]


@pytest.mark.parametrize("surface", PUBLIC_SURFACES, ids=lambda f: f.__name__)
def test_scheduled_article_appears_at_its_minute(world, client, clock, surface):
    clock.set(datetime(2030, 3, 4, 9, 0, tzinfo=SITE_TZ))
    article = make_article_in(world, "review", title="Jadwal rapat paripurna")
    workflow.schedule(world.redaktur, article, AT_1411)
    clock.set(AT_1410)
    assert not surface(client, article)
    clock.set(AT_1411)
    assert surface(client, article)


def test_schedule_through_admin_in_site_time_zone(world, client, clock):
    clock.set(datetime(2030, 3, 4, 9, 0, tzinfo=SITE_TZ))
    article = make_article_in(world, "review", title="Berita terjadwal")
    client.force_login(world.redaktur)
    response = client.post(
        admin_url(article, "workflow/"), {"action": "schedule", "when": "2030-03-04T14:11"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_at == AT_1411  # entered as 14:11 WITA
    assert article.is_scheduled
    assert article.transitions.first().action == "schedule"
    page = client.get(admin_url(article, "change/")).content.decode()
    assert "14:11 WITA" in page
    listing = client.get("/admin/articles/article/").content.decode()
    assert "04-03-2030 14:11 WITA" in listing


def test_schedule_in_the_past_is_refused(world, client, clock):
    clock.set(datetime(2030, 3, 4, 15, 0, tzinfo=SITE_TZ))
    article = make_article_in(world, "review")
    client.force_login(world.redaktur)
    response = client.post(
        admin_url(article, "workflow/"), {"action": "schedule", "when": "2030-03-04T14:11"}
    )
    assert response.status_code == 400
    article.refresh_from_db()
    assert article.status == "review"
    bad = client.post(admin_url(article, "workflow/"), {"action": "schedule", "when": "kemarin"})
    assert bad.status_code == 400
