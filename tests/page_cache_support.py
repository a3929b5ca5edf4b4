"""Shared by the page-cache tests: each runs on local memory and on real Redis
(TEST_REDIS_DB, as in production), with the clock moved where time matters."""

import os
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone


def redis_test_db():
    """TEST_REDIS_DB (3), plus the pytest-xdist worker's number: every worker flushes
    its own database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(os.environ.get("TEST_REDIS_DB", "3")) + int(worker.removeprefix("gw") or 0)


def cache_backends(key_prefix):
    """An autouse fixture running every test of a module on both cache backends."""

    @pytest.fixture(params=["locmem", "redis"], autouse=True)
    def backend(request, settings):
        if request.param == "redis":
            settings.CACHES = {
                "default": {
                    "BACKEND": "kominfo.cache.ResilientRedisCache",
                    "LOCATION": f"redis://127.0.0.1:6379/{redis_test_db()}",
                    "KEY_PREFIX": key_prefix,
                }
            }
        settings.PUBLIC_PAGE_CACHE = True
        cache.clear()
        yield request.param
        cache.clear()

    return backend


def jump(monkeypatch, seconds):
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=seconds))


def state(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Page-Cache")
