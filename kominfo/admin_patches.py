"""A fix for Django's admin autocomplete widget, applied once at start-up.

When a form with an autocomplete field comes back with errors, the widget looks up
the submitted value to show it again: ``filter(pk__in={"abc"})`` raises ValueError,
so posting ``featured_image=abc`` answered 500 instead of showing the form error
("Pilih pilihan yang valid"). Values that are not valid keys of the related model
are dropped before that lookup; the field's own validation already reports them.
"""

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

_original_optgroups = AutocompleteMixin.optgroups


def _valid_key(widget, value):
    remote = widget.field.remote_field
    opts = remote.model._meta
    to_field = opts.get_field(getattr(remote, "field_name", None) or opts.pk.attname)
    try:
        to_field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def optgroups(self, name, value, attr=None):
    value = [v for v in value if v in (None, "") or _valid_key(self, v)]
    return _original_optgroups(self, name, value, attr)


def apply():
    AutocompleteMixin.optgroups = optgroups
