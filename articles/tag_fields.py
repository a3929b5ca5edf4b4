"""The tags field of the article form: every tag must fit the tag table's name column,
otherwise the form says so (in Indonesian) instead of the database failing on save."""

from django import forms
from django.utils.translation import gettext as _
from taggit.forms import TagField
from taggit.models import Tag


class BoundedTagField(TagField):
    def clean(self, value):
        names = super().clean(value)
        limit = Tag._meta.get_field("name").max_length
        for name in names:
            if len(name) > limit:
                raise forms.ValidationError(
                    _("A tag may have at most %(limit)d characters; “%(name)s…” has %(length)d.")
                    % {"limit": limit, "name": name[:30], "length": len(name)},
                    code="tag_too_long",
                )
        return names
