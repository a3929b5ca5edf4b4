"""Refuse malformed query and form data before any view or database sees it.

PostgreSQL text cannot hold a NUL byte: a ``\\x00`` anywhere in a parameter would
reach a query and fail as a 500 (admin filters, search, autocomplete, every form).
Date-drill-down parameters (``…__year``, ``…__month``, ``…__day``, used by every
admin ``date_hierarchy``) outside the calendar make Django's changelist overflow
while building a date. Both are answered here, once for every admin view and every
form post, with a plain 400 and an Indonesian message instead of a crash deep inside
a library.
"""

import re

from django.http import Http404, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

DATE_PART = re.compile(r"__(year|month|day)$")
DATE_VALUE = re.compile(r"[0-9]{1,4}")


def _has_nul(querydict):
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in querydict.lists()
    )


def _bad_date_part(querydict):
    return any(
        DATE_PART.search(key) and not all(DATE_VALUE.fullmatch(v) for v in values)
        for key, values in querydict.lists()
    )


def bad_request(request, message):
    body = render_to_string("400.html", {"message": message}, request=None)
    return HttpResponseBadRequest(body)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # request.POST only parses form bodies (urlencoded/multipart); files are not text
        # fields and keep any bytes they like. Public GET views clean their own
        # parameters (search drops a NUL and still answers with a page).
        admin = request.path.startswith("/admin/")
        if not admin and "\x00" in request.path:
            # No public address contains a NUL byte: the page does not exist (and the
            # database must never see it).
            raise Http404
        if (admin and ("\x00" in request.path or _has_nul(request.GET))) or (
            request.method == "POST" and _has_nul(request.POST)
        ):
            return bad_request(request, _("The request contains invalid characters (NUL)."))
        if admin and _bad_date_part(request.GET):
            return bad_request(request, _("The date in the address is not a valid date."))
        return self.get_response(request)
