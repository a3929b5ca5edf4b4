"""With DEBUG on (the demo), public pages still answer 404 with the Indonesian page.

Django replaces every 404 with its English technical page when DEBUG is on; readers of
the demo site should never see it. The technical page stays for the admin, where it
helps a developer. With DEBUG off this middleware does nothing (Django already uses
the project's handler404).
"""

from django.conf import settings
from django.http import Http404
from django.urls import get_resolver


class PublicNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/admin/")
        ):
            handler = get_resolver().resolve_error_handler(404)
            response = handler(request, Http404())
        return response
