"""The base form of every content type's admin: optimistic locking on save, and
dates within a range the database and the time-zone conversion can hold."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import workflow

MIN_YEAR, MAX_YEAR = 1900, 2100


def validate_sane_datetime(value):
    """Year 1 or 9999 parse, then fail converting to UTC (a 500): refuse them here."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(min)s and %(max)s."),
            code="date_range",
            params={"min": MIN_YEAR, "max": MAX_YEAR},
        )


def bound_datetimes(form):
    """Every date-and-time field of ``form`` takes only years MIN_YEAR..MAX_YEAR."""
    for field in form.fields.values():
        if isinstance(field, forms.DateTimeField | forms.DateField):
            if validate_sane_datetime not in field.validators:
                field.validators.append(validate_sane_datetime)


def tampered_fields(form):
    """Names of the disabled fields that came back with a value other than the one
    shown. A browser never sends a disabled control, so such a value is a crafted
    request; Django would silently keep the old value and report success."""
    found = []
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if not field.disabled or key not in form.data:
            continue
        posted = field.widget.value_from_datadict(form.data, form.files, key)
        enabled = copy.copy(field)
        enabled.disabled = False
        if enabled.has_changed(form.get_initial_for_field(field, name), posted):
            found.append(name)
    return found


class ChildRowsFormSet:
    """Mixed into every inline formset of a content type's admin (bylines, gallery,
    album photos ...). Django silently skips a row whose id is not one of the item's
    rows (another item's row, a deleted one) and keeps a disabled field's old value,
    then reports success: here either is a form error and nothing is saved."""

    def clean(self):
        super().clean()
        rows = capfirst(self.model._meta.verbose_name_plural)
        kind = self.instance._meta.verbose_name
        problems = []
        for index, form in enumerate(self.forms):
            where = {"row": index + 1, "rows": rows, "type": kind}
            if index < self.initial_form_count() and form.instance.pk is None:
                problems.append(
                    _("Row %(row)s of “%(rows)s” is not part of this %(type)s (it was deleted, "
                      "or the form was altered): reload the page.") % where
                )  # fmt: skip
                continue
            for name in tampered_fields(form):
                if name == "DELETE":
                    message = _("Row %(row)s of “%(rows)s” cannot be removed by you.")
                else:
                    message = _("Row %(row)s of “%(rows)s”: “%(field)s” cannot be changed by you.")
                where["field"] = form.fields[name].label or name
                problems.append(message % where)
        if problems:
            problems.append(_("Nothing was saved."))
            raise ValidationError(problems, code="tampered_rows")


class PublishableForm(forms.ModelForm):
    # The version the form was loaded from (see workflow.lock_for_edit).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.locked_object = None
        bound_datetimes(self)
        if self.instance.pk:
            self.fields["loaded_version"].required = True
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        for name in tampered_fields(self):
            self.add_error(name, _("You cannot change this; nothing was saved."))
        if self.instance.pk:
            try:
                # Locks the row until the admin's transaction commits the save.
                self.locked_object = workflow.lock_for_edit(
                    type(self.instance), self.instance.pk, cleaned.get("loaded_version")
                )
            except workflow.StaleEdit as error:
                self.stale_error = error
                raise
        return cleaned
