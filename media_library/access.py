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


def withheld_file_ids(name):
    """Ids of the withheld documents whose file is this storage name (usually none)."""
    if not _withheld_finders:
        return set()
    from .models import Document

    ids = list(Document.objects.filter(file=name).values_list("pk", flat=True)[:5])
    return withheld_ids(ids) if ids else set()


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
