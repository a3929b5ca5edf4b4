"""Unsaved text in the admin form of every publishing type survives a closed tab.

The script (static/js/draft_autosave.js) warns before leaving a form with unsaved
changes, keeps the typed text in the browser's localStorage (per user and form
address) and offers it back when the same form is opened again; a successful save
clears it. The texts are rendered here through gettext and handed over as a JSON
data block (no inline script: the admin CSP allows scripts from 'self' only).
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _


class DraftAutosaveMixin:
    @property
    def media(self):
        # On every page of this admin: the page after a save clears the stored copy.
        return super().media + forms.Media(js=["js/draft_autosave.js"])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["draft_autosave"] = {
            # The change page also holds the workflow panel's forms: name the right one.
            "form": f"{self.model._meta.model_name}_form",
            "user": request.user.pk,
            "version": getattr(obj, "version", None),
            "prompt": _("Restore unsaved text?"),
            "detail": _("Text typed in this form earlier was not saved."),
            "changed": _(
                "%(type)s has been saved again since then: check the restored text before saving."
            )
            % {"type": capfirst(self.model._meta.verbose_name)},
            "restore": _("Restore"),
            "discard": _("Discard"),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)
