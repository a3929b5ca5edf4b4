"""Inline rows that hold a library photo (a gallery item, an album photo): a writer is
offered only their own agency's photos, and another agency's photo already in the row
stays as it is — shown read-only, not replaceable, not removable by the writer."""

from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_editor

from .models import Image


class PhotoRowsInlineMixin:
    image_field = "image"
    parent_field = None  # the row's ForeignKey to the item, e.g. "article"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        user, image_field = request.user, self.image_field
        current = (
            set(
                self.model._default_manager.filter(**{self.parent_field: obj}).values_list(
                    f"{image_field}_id", flat=True
                )
            )
            if obj is not None
            else set()
        )

        class PhotoRowForm(formset.form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                field = self.fields[image_field]
                visible = Image.objects.visible_to(user)
                field.queryset = visible | Image.objects.filter(pk__in=current)
                field.error_messages["invalid_choice"] = _(
                    "This photo cannot be used here: it belongs to another agency or was deleted."
                )
                image_id = getattr(self.instance, f"{image_field}_id") if self.instance.pk else None
                self.foreign = (
                    image_id is not None
                    and not is_editor(user)
                    and not visible.filter(pk=image_id).exists()
                )
                if self.foreign:
                    field.disabled = True
                    field.help_text = _("Photo of another agency: only a Redaktur can change it.")

        class PhotoRowFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if getattr(form, "foreign", False) and "DELETE" in form.fields:
                    form.fields["DELETE"].disabled = True  # a writer cannot remove it

        PhotoRowFormSet.form = PhotoRowForm
        return PhotoRowFormSet
