"""Offering a photo that is already in the library instead of a second copy.

The admin upload form (also opened as the "+" popup next to *Featured image*) finds a
stored image with the same source bytes among what the user may see, and links to
``ImageAdmin.use_existing_view``: in a popup that selects the existing photo in the
article form in one click; otherwise it opens the existing photo.
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def popup_query(request):
    """``?_popup=1&_to_field=id`` when the form runs in the admin's related-object popup."""
    params = {}
    for name in (IS_POPUP_VAR, TO_FIELD_VAR):
        value = request.POST.get(name, request.GET.get(name))
        if value:
            params[name] = value
    return f"?{urlencode(params)}" if IS_POPUP_VAR in params else ""


def use_url(image, query=""):
    return reverse("admin:media_library_image_use", args=[quote(image.pk)]) + query


def duplicate_error(image, query=""):
    """The form error: names the stored photo and offers it in one click."""
    message = format_html(
        _(
            "This photo is already in the library: “{title}”. "
            '<a class="button" href="{url}">Use this photo</a> '
            "or tick “Upload anyway” to store a second copy."
        ),
        url=use_url(image, query),
        title=image.title,
    )
    return ValidationError({"upload": message}, code="duplicate")


def use_existing_view(model_admin, request, object_id):
    """Select (popup) or open (full page) an existing image the user may see; 404 otherwise."""
    obj = model_admin.get_object(request, object_id)
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404
    if IS_POPUP_VAR not in request.GET:
        messages.info(request, _("This is the photo that is already in the library."))
        change = reverse("admin:media_library_image_change", args=[quote(obj.pk)])
        return HttpResponseRedirect(change)
    to_field = request.GET.get(TO_FIELD_VAR) or obj._meta.pk.attname
    if not model_admin.to_field_allowed(request, to_field):
        return HttpResponseBadRequest(_("This field cannot be selected."))
    data = json.dumps({"value": str(obj.serializable_value(to_field)), "obj": str(obj)})
    return TemplateResponse(request, "admin/popup_response.html", {"popup_response_data": data})
