"""The base form of every content type's admin: optimistic locking on save, and
dates within a range the database and the time-zone conversion can hold."""

from django import forms
from django.core.exceptions import ValidationError
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
