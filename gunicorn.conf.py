"""gunicorn settings (read with `gunicorn -c gunicorn.conf.py kominfo.wsgi`).

Workers are forked from a master that has already loaded Django (``preload_app``), so a
recycled worker is a copy-on-write fork that serves at once instead of booting Django
while requests queue. Recycling (against slow leaks) is by request count *and* age: a
worker is replaced after ``GUNICORN_MAX_REQUESTS`` requests (± jitter, so the workers do
not all go at once) but never before it has lived ``GUNICORN_MIN_WORKER_AGE`` seconds,
so a traffic spike (2,000 req/s from the page cache) cannot turn recycling into
constant restarts.
"""

import multiprocessing
import os
import random
import time

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
preload_app = True
# Recycle workers now and then so slow leaks can never grow without bound; done by the
# hooks below (gunicorn's own max_requests has no lower bound on a worker's age).
max_requests = 0
RECYCLE_REQUESTS = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
RECYCLE_JITTER = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 5000))
MIN_WORKER_AGE = float(os.environ.get("GUNICORN_MIN_WORKER_AGE", 600))
# "off": no access log at all (gunicorn still formats every line for /dev/null).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
accesslog = None if accesslog.lower() in ("", "off", "none") else accesslog
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Behind a reverse proxy / load balancer that sets X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
proxy_allow_ips = forwarded_allow_ips
limit_request_line = 8190


def when_ready(server):
    """In the master, after the app is loaded and before any fork: load what every
    worker needs (URLs, templates), and close anything a child must not share."""
    from django.core.cache import caches
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    for name in ("base.html", "articles/home.html", "articles/detail.html", "articles/list.html"):
        try:
            get_template(name)
        except Exception:  # noqa: BLE001 - warming only; a real error shows per request
            server.log.warning("could not preload template %s", name)
    connections.close_all()
    caches.close_all()


def post_fork(server, worker):
    worker.recycle_after = RECYCLE_REQUESTS + random.randint(0, max(RECYCLE_JITTER, 0))
    worker.started_at = time.monotonic()


def post_request(worker, req, environ, resp):
    """Recycle after enough requests, but never a young worker."""
    if not RECYCLE_REQUESTS or worker.nr < getattr(worker, "recycle_after", RECYCLE_REQUESTS):
        return
    if time.monotonic() - getattr(worker, "started_at", 0.0) < MIN_WORKER_AGE:
        return
    worker.log.info("recycling worker %s after %s requests", worker.pid, worker.nr)
    worker.alive = False


def worker_exit(server, worker):
    """Send the page views this worker still holds to the cache."""
    try:
        from articles import most_read

        most_read.push_buffer()
    except Exception:  # noqa: BLE001 - counting must never block a shutdown
        server.log.exception("could not push the buffered page views")
