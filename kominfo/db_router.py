"""Send public (anonymous, GET) reads to a read replica when DATABASE_REPLICA_URL is set.

Writes, and every read made while handling an admin or logged-in request, stay
on the primary so editors always read their own writes.
"""

from contextvars import ContextVar

from django.conf import settings

_use_replica = ContextVar("kominfo_use_replica", default=False)


class PublicReadReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if _use_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaForPublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and not request.path.startswith("/admin/")
        public = public and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        token = _use_replica.set(public)
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)
