"""What every type's public detail view answers for an address it cannot show."""

from django.http import Http404
from django.shortcuts import render

from .models import Status


def live_or_gone(request, queryset, **lookup):
    """The live object matching ``lookup`` from ``queryset`` (already live()), or a
    410 response for an unpublished one (its address existed: search engines drop it),
    or 404."""
    obj = queryset.filter(**lookup).first()
    if obj is not None:
        return obj
    if queryset.model._default_manager.filter(status=Status.ARCHIVED, **lookup).exists():
        return render(request, "410.html", status=410)
    raise Http404
