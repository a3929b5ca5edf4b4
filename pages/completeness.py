from django.utils.translation import gettext as _


def missing_for_review(page):
    missing = []
    if not page.title.strip():
        missing.append(_("title"))
    if not page.body.strip():
        missing.append(_("body"))
    return missing
