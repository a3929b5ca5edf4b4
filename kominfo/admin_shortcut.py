"""The admin's "Lihat di situs" redirect (/admin/r/<content type>/<id>/), answered
through the model's own admin: Django's generic shortcut redirects any staff user to
any object's address, which told another agency's writer the slugs of drafts and
scheduled items. Here the object must be one the user may see in the admin (its
queryset is scoped by agency) and have a public page (``view_on_site``); else 404."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect


@staff_member_required
def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        raise Http404
    obj = model_admin.get_object(request, object_id)
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    if callable(model_admin.view_on_site):
        url = model_admin.view_on_site(obj)
    elif model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
        url = obj.get_absolute_url()
    else:
        url = None
    if not url:
        raise Http404
    return HttpResponseRedirect(url)
