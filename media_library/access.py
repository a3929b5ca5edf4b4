"""Documents that must never be served to the public, whatever link reaches them. A
using app registers ``finder(document_ids) -> set of withheld ids`` (e.g. the PPID
register's exempt entries); the download view and the media server ask here. This
module knows nothing about the apps that register."""

_withheld_finders = []


def register_withheld(finder):
    if finder not in _withheld_finders:
        _withheld_finders.append(finder)
    return finder


def withheld_ids(document_ids):
    ids = set(document_ids)
    found = set()
    for finder in _withheld_finders:
        if ids:
            found |= set(finder(ids))
    return found


def is_withheld(document):
    return document is not None and document.pk in withheld_ids([document.pk])


def is_withheld_file(name):
    """Is this storage name the file of a withheld document?"""
    if not _withheld_finders:
        return False
    from .models import Document

    ids = list(Document.objects.filter(file=name).values_list("pk", flat=True)[:5])
    return bool(ids) and bool(withheld_ids(ids))


def staff_may_see(request):
    """Newsroom staff who may view library documents still reach withheld files."""
    user = getattr(request, "user", None)
    return bool(user and user.is_staff and user.has_perm("media_library.view_document"))
