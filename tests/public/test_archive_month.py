"""The month archive filters on a range of local time (an index range), not on an
EXTRACT of the month: an article just after local midnight of the 1st belongs to the
new month even when it is still the previous month in UTC."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_month_boundaries_follow_the_site_time_zone(client, publish):
    local = timezone.get_current_timezone()
    first_of_march = datetime(2025, 3, 1, tzinfo=local)
    publish(title="Terbit Awal Maret", when=first_of_march + timedelta(minutes=30))
    publish(title="Terbit Akhir Februari", when=first_of_march - timedelta(minutes=30))
    assert (first_of_march + timedelta(minutes=30)).astimezone(UTC).month == 2

    with CaptureQueriesContext(connection) as queries:
        march = client.get("/arsip/2025/3/").content.decode()
    february = client.get("/arsip/2025/2/").content.decode()
    assert "Terbit Awal Maret" in march and "Terbit Akhir Februari" not in march
    assert "Terbit Akhir Februari" in february and "Terbit Awal Maret" not in february
    assert "EXTRACT" not in " ".join(q["sql"] for q in queries).upper()


def test_december_and_the_last_possible_month(client, publish):
    local = timezone.get_current_timezone()
    publish(title="Terbit Akhir Tahun", when=datetime(2024, 12, 31, 23, 0, tzinfo=local))
    publish(title="Terbit Awal Tahun", when=datetime(2025, 1, 1, 0, 10, tzinfo=local))
    december = client.get("/arsip/2024/12/").content.decode()
    assert "Terbit Akhir Tahun" in december and "Terbit Awal Tahun" not in december
    assert client.get("/arsip/9999/12/").status_code in (200, 404)


def test_archive_index_lists_exactly_the_months_with_live_articles(client, publish, editor):
    from articles.models import Article
    from articles.views import _archive_months
    from publishing import workflow
    from tests.factories import make_article

    local = timezone.get_current_timezone()
    publish(title="Awal Maret", when=datetime(2025, 3, 1, 0, 30, tzinfo=local))  # Feb in UTC
    publish(title="Januari", when=datetime(2024, 1, 15, tzinfo=local))
    gone = publish(title="Ditarik", when=datetime(2024, 6, 15, tzinfo=local))
    workflow.unpublish(editor, gone, "Keliru")
    expired = publish(title="Kedaluwarsa", when=datetime(2024, 8, 15, tzinfo=local))
    Article.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    workflow.publish(editor, make_article(), when=timezone.now() + timedelta(days=40))
    make_article(title="Draf")

    with CaptureQueriesContext(connection) as queries:
        months = _archive_months()
    assert months == [(2025, 3), (2024, 1)]
    assert months == [
        (d.year, d.month) for d in Article.objects.live().dates("published_at", "month", "DESC")
    ]
    assert len(queries) == 3
    page = client.get("/arsip/").content.decode()
    assert "/arsip/2025/3/" in page and "/arsip/2024/1/" in page
    assert "/arsip/2025/2/" not in page and "/arsip/2024/6/" not in page
    assert "/arsip/2024/8/" not in page
