"""Documents that must never be served to the public, whatever link reaches them. A
using app registers ``source() -> queryset of the withheld documents' ids`` (e.g. the
PPID register's exempt entries: ``Entry.objects.filter(...).values("document_id")``,
never yielding NULL); the download view and the media server ask here, and pages that
list documents filter them out inside the query that loads them (``served_queryset``).
This module knows nothing about the apps that register."""

from django.db.models import Q

_withheld_sources = []


def register_withheld(source):
    if source not in _withheld_sources:
        _withheld_sources.append(source)
    return source


def _withheld():
    condition = Q()
    for source in _withheld_sources:
        condition |= Q(pk__in=source())
    return condition


def served_queryset(queryset):
    """``queryset`` (of Documents) without the withheld ones, as a condition of the same
    query: a page that prefetches its attachments through this needs no extra query."""
    return queryset.exclude(_withheld()) if _withheld_sources else queryset


def withheld_ids(document_ids):
    ids = set(document_ids)
    if not ids or not _withheld_sources:
        return set()
    from .models import Document

    withheld = Document.objects.filter(pk__in=ids).filter(_withheld())
    return set(withheld.values_list("pk", flat=True))


def is_withheld(document):
    return document is not None and document.pk in withheld_ids([document.pk])


def staff_may_see(request, document_ids):
    """Withheld files reach only staff who may open these documents in the library:
    editors and Administrators, and writers of the documents' own agency. Everyone
    else (another agency's writer included) gets the same 404 as the public."""
    user = getattr(request, "user", None)
    if not (user and user.is_staff and user.has_perm("media_library.view_document")):
        return False
    from .models import Document

    visible = Document.objects.visible_to(user).filter(pk__in=document_ids)
    return visible.count() == len(set(document_ids))


def served(documents):
    """The documents the public can download: a list shown by a page never links a
    withheld file (it would be a dead link). One query, and only if there are any."""
    documents = list(documents)
    hidden = withheld_ids([doc.pk for doc in documents]) if documents else set()
    return [doc for doc in documents if doc.pk not in hidden]
