"""The base form of every content type's admin: optimistic locking on save."""

from django import forms

from . import workflow


class PublishableForm(forms.ModelForm):
    # The version the form was loaded from (see workflow.lock_for_edit).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.locked_object = None
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
