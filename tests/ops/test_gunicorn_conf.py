"""gunicorn.conf.py: preloaded app, recycling by request count that a spike cannot turn
into constant restarts (issue 12 item 5). A real gunicorn run under wrk is in
bench/bench_vs_wagtail.py (p99 with recycling on)."""

import logging
import runpy
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def load(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    return runpy.run_path(str(CONF))


def worker(conf):
    w = SimpleNamespace(nr=0, alive=True, pid=1234, log=logging.getLogger("test.gunicorn"))
    conf["post_fork"](None, w)
    return w


def serve(conf, w, n):
    for _ in range(n):
        w.nr += 1
        conf["post_request"](w, None, {}, None)
        if not w.alive:
            return


def test_app_is_preloaded_and_gunicorns_own_recycling_is_off(monkeypatch):
    conf = load(monkeypatch)
    assert conf["preload_app"] is True
    assert conf["max_requests"] == 0  # the hooks decide, with a minimum age


def test_a_spike_does_not_recycle_a_young_worker(monkeypatch):
    conf = load(
        monkeypatch,
        GUNICORN_MAX_REQUESTS=100,
        GUNICORN_MAX_REQUESTS_JITTER=0,
        GUNICORN_MIN_WORKER_AGE=600,
    )
    w = worker(conf)
    serve(conf, w, 10_000)  # 100× the limit within seconds
    assert w.alive


def test_an_old_worker_is_recycled_after_its_request_limit(monkeypatch):
    conf = load(
        monkeypatch,
        GUNICORN_MAX_REQUESTS=100,
        GUNICORN_MAX_REQUESTS_JITTER=0,
        GUNICORN_MIN_WORKER_AGE=600,
    )
    w = worker(conf)
    w.started_at = time.monotonic() - 601
    serve(conf, w, 99)
    assert w.alive
    serve(conf, w, 1)
    assert not w.alive and w.nr == 100


@pytest.mark.parametrize("seed", range(5))
def test_jitter_spreads_the_limit(monkeypatch, seed):
    import random

    random.seed(seed)
    conf = load(monkeypatch, GUNICORN_MAX_REQUESTS=1000, GUNICORN_MAX_REQUESTS_JITTER=500)
    limits = {worker(conf).recycle_after for _ in range(20)}
    assert len(limits) > 1 and all(1000 <= n <= 1500 for n in limits)


def test_recycling_can_be_switched_off(monkeypatch):
    conf = load(monkeypatch, GUNICORN_MAX_REQUESTS=0, GUNICORN_MIN_WORKER_AGE=0)
    w = worker(conf)
    w.started_at = 0.0
    serve(conf, w, 5000)
    assert w.alive
