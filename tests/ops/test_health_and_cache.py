import logging

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "kominfo.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6399/0",  # nothing listens here
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}
LIVE_REDIS = {
    "default": {
        "BACKEND": "kominfo.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/5",
    }
}


def test_healthz():
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_checks_database_and_cache():
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] is True and response.json()["cache"] is True


@override_settings(CACHES=DEAD_REDIS)
def test_readyz_reports_a_dead_cache():
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": True, "cache": False}


@override_settings(CACHES=DEAD_REDIS)
def test_site_keeps_serving_when_redis_is_down(caplog):
    from perangkat_daerah.roles import REDAKTUR
    from publishing import workflow
    from tests import factories as f

    article = f.make_article()
    workflow.publish(f.make_user(REDAKTUR), article)
    client = Client()
    with caplog.at_level(logging.WARNING, logger="kominfo.cache"):
        from kominfo.cache import ResilientRedisCache

        ResilientRedisCache._last_warning = 0.0
        assert client.get("/").status_code == 200
        assert client.get(article.get_absolute_url()).status_code == 200
    assert any("Cache unavailable" in r.getMessage() for r in caplog.records)


@override_settings(CACHES=LIVE_REDIS)
def test_resilient_cache_works_normally_with_redis():
    cache = caches["default"]
    cache.set("kominfo:test", "nilai", 10)
    assert cache.get("kominfo:test") == "nilai"
    assert cache.ping() is True
    cache.delete("kominfo:test")


@override_settings(CACHES=LIVE_REDIS)
def test_redis_client_object_is_reused_between_operations():
    """Building a redis.Redis per operation cost more than the round trip itself."""
    backend = caches["default"]._cache
    assert backend.get_client(write=True) is backend.get_client(write=True)
    assert backend.get_client() is backend.get_client(write=False)


@override_settings(CACHES=LIVE_REDIS)
def test_numbered_values_are_popped_once_in_one_round_trip():
    """Most-read batches: read and delete in one script, so two flushes of the same
    range never both count a view."""
    cache = caches["default"]
    for n in (1, 2, 4):
        cache.set(f"kominfo:test:slot:{n}", (n, "2026-12-07"), 10)
    popped = cache.pop_numbered("kominfo:test:slot:{}", 1, 5)
    assert sorted(popped) == [(1, "2026-12-07"), (2, "2026-12-07"), (4, "2026-12-07")]
    assert cache.pop_numbered("kominfo:test:slot:{}", 1, 5) == []
    assert cache.get("kominfo:test:slot:1") is None


@override_settings(CACHES=DEAD_REDIS)
def test_popping_numbered_values_without_redis_finds_nothing():
    assert caches["default"].pop_numbered("kominfo:test:slot:{}", 1, 5) == []


@override_settings(CACHES=LIVE_REDIS)
def test_prepared_reads_answer_as_get_many():
    cache = caches["default"]
    cache.set_many({"kominfo:test:a": ("token", 1.5), "kominfo:test:n": 7}, 10)
    keys = ("kominfo:test:a", "kominfo:test:missing", "kominfo:test:n")
    assert (
        cache.get_many_prepared(keys)
        == cache.get_many(keys)
        == {
            "kominfo:test:a": ("token", 1.5),
            "kominfo:test:n": 7,
        }
    )
    cache.set("kominfo:test:n", 8, 10)
    assert cache.get_many_prepared(keys)["kominfo:test:n"] == 8  # packed once, read anew
    cache.delete_many(keys)


@override_settings(CACHES=DEAD_REDIS)
def test_prepared_reads_without_redis_find_nothing():
    assert caches["default"].get_many_prepared(("kominfo:test:a",)) == {}


def test_the_embedded_cache_holds_a_whole_crawl_of_the_site():
    """Outside QA: on the demo (LocMem, Django's 300 entries) one crawl of the public site
    culled the page cache, so repeated visits kept missing."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "kominfo.settings"
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['OPTIONS'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "LocMemCache" in out and "'MAX_ENTRIES': 10000" in out
