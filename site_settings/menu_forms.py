"""The admin form of a menu item: a link target chosen from the registered types, or
an address; two levels at most. Every item links somewhere, except a top-level heading
with sub-items: the header shows it as a <details> element that opens its sub-menu
without JavaScript (and the footer as plain text above its links)."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from richtext.links import clean_address

from . import menu
from .models import MenuItem


class MenuItemForm(forms.ModelForm):
    target = forms.ChoiceField(
        label=_("links to"),
        required=False,
        help_text=_(
            "A page or category of this site. Leave empty to use the address below. A "
            "top-level heading with sub-items may have neither: it opens its sub-menu."
        ),
    )

    class Meta:
        model = MenuItem
        fields = ["title", "parent", "order", "target", "url", "in_header", "in_footer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + menu.choices()
        if self.instance.target_type_id:
            self.initial["target"] = f"{self.instance.target_type_id}:{self.instance.target_id}"
        if self.instance.pk and "parent" in self.fields:
            self.fields["parent"].queryset = MenuItem.objects.filter(parent__isnull=True).exclude(
                pk=self.instance.pk
            )

    def clean_url(self):
        return clean_address(self.cleaned_data.get("url"))

    def clean_target(self):
        raw = self.cleaned_data.get("target") or ""
        if not raw:
            return None
        ct_id, _sep, obj_id = raw.partition(":")
        if not (ct_id.isdigit() and obj_id.isdigit()):
            raise ValidationError(_("Choose a valid link target."))
        try:
            model = ContentType.objects.get_for_id(int(ct_id)).model_class()
        except ContentType.DoesNotExist:
            model = None
        if model not in menu.targets() or not model._default_manager.filter(pk=obj_id).exists():
            raise ValidationError(_("Choose a valid link target."))
        return int(ct_id), int(obj_id)

    def clean(self):
        cleaned = super().clean()
        target, url = cleaned.get("target"), cleaned.get("url")
        parent = cleaned.get("parent")
        if not self.errors:
            if target and url:
                raise ValidationError(_("Choose either a link target or an address, not both."))
            if not target and not url and parent is not None:
                raise ValidationError(_("A sub-item needs a link target or an address."))
            # A top-level item without a link: MenuChildrenFormSet requires sub-items.
        if parent is not None:
            if parent.parent_id is not None:
                self._parent_error(_("The menu has two levels only."))
            elif self.instance.pk and self.instance.children.exists():
                self._parent_error(_("This item has sub-items, so it must stay on top."))
        return cleaned

    def _parent_error(self, message):
        # In the sub-item rows the parent is a hidden field: show the error on the row.
        hidden = self.fields["parent"].widget.is_hidden
        self.add_error(None if hidden else "parent", message)

    def save(self, commit=True):
        target = self.cleaned_data.get("target")
        self.instance.target_type_id, self.instance.target_id = target or (None, None)
        return super().save(commit)


class MenuChildrenFormSet(forms.BaseInlineFormSet):
    """The sub-items edited with their top-level item. A top-level item with neither a
    target nor an address is a heading: it is refused unless a sub-item stays."""

    def clean(self):
        super().clean()
        heading = self.instance
        if heading.parent_id is not None or heading.target_type_id or heading.url:
            return
        kept = [
            form
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
            and (form.instance.pk is not None or form.has_changed())
        ]
        if not kept:
            raise ValidationError(
                _("Choose a link target or an address. Only a heading with sub-items may "
                  "have neither: add its first sub-item below."),
                code="no_link",
            )  # fmt: skip
