from django.utils.translation import gettext as _


def missing_for_review(item):
    missing = []
    if not item.title.strip():
        missing.append(_("title"))
    if not item.body.strip():
        missing.append(_("body"))
    if not item.perangkat_daerah_id:
        missing.append(_("regional agency"))
    return missing
