"""Fixes for Django's admin, applied once at start-up, so every model form and inline
of the project gets them (no admin can forget them).

1. The autocomplete widget and ModelMultipleChoiceField with a tampered key.

When a form with an autocomplete field comes back with errors, the widget looks up
the submitted value to show it again: ``filter(pk__in={"abc"})`` raises ValueError,
so posting ``featured_image=abc`` answered 500 instead of showing the form error
("Pilih pilihan yang valid"). Values that are not valid keys of the related model
are dropped before that lookup; the field's own validation already reports them. A
key beyond the database's integer range (99999999999999999999999) raised OverflowError
on SQLite in both the widget and ModelMultipleChoiceField: it counts as invalid too.

2. Inline formsets accept at most INLINE_ABSOLUTE_MAX rows per save: a tampered
``photos-TOTAL_FORMS=1000`` built 1,000 forms (43 s); now it is Django's own
"too many forms" error after at most that many.
"""

from django import forms
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.db import connection

INLINE_ABSOLUTE_MAX = 100

_original_optgroups = AutocompleteMixin.optgroups
_original_check_values = forms.ModelMultipleChoiceField._check_values
_original_get_formset = InlineModelAdmin.get_formset


def _in_range(field, value):
    """Is ``value`` (already valid for ``field``) storable in the field's column?"""
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    if not isinstance(value, int):
        return True
    return (low is None or value >= low) and (high is None or value <= high)


def _valid_key(widget, value):
    remote = widget.field.remote_field
    opts = remote.model._meta
    to_field = opts.get_field(getattr(remote, "field_name", None) or opts.pk.attname)
    try:
        return _in_range(to_field, to_field.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return False


def optgroups(self, name, value, attr=None):
    value = [v for v in value if v in (None, "") or _valid_key(self, v)]
    return _original_optgroups(self, name, value, attr)


def check_values(self, value):
    key = self.to_field_name or "pk"
    field = (
        self.queryset.model._meta.get_field(key) if key != "pk" else self.queryset.model._meta.pk
    )
    for pk in value if isinstance(value, list | tuple | set) else []:
        try:
            ok = _in_range(field, field.to_python(pk))
        except (ValidationError, TypeError, ValueError):
            ok = True  # Django's own check reports it
        if not ok:
            raise ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
            )
    return _original_check_values(self, value)


def get_formset(self, request, obj=None, **kwargs):
    kwargs.setdefault("absolute_max", INLINE_ABSOLUTE_MAX)
    if self.max_num is None:
        kwargs.setdefault("max_num", INLINE_ABSOLUTE_MAX)
    return _original_get_formset(self, request, obj, **kwargs)


def apply():
    AutocompleteMixin.optgroups = optgroups
    forms.ModelMultipleChoiceField._check_values = check_values
    InlineModelAdmin.get_formset = get_formset
