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
