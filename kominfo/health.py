"""Probes for the orchestrator: /healthz (process alive) and /readyz (DB and cache reachable)."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False


def _cache_ok():
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    try:
        cache.set("kominfo:readyz", "1", 5)
        return cache.get("kominfo:readyz") == "1"
    except Exception:  # noqa: BLE001
        return False


@never_cache
def readyz(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (the admin)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
