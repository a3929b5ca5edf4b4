from django import forms
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids
from publishing.forms import PublishableForm

from .models import MAX_DEPTH, RESERVED_PD_SLUGS, Page


class PageAdminForm(PublishableForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "parent", "perangkat_daerah", "summary", "body", "order"]
        widgets = {
            "body": CKEditor5Widget(config_name="article"),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if "body" in self.fields:
            self.fields["body"].required = False
        if user is not None and "parent" in self.fields:
            parents = Page.objects.visible_to(user)
            if self.instance.pk:
                parents = parents.exclude(pk=self.instance.pk)
            self.fields["parent"].queryset = parents.select_related("perangkat_daerah")
        if user is not None and not is_editor(user) and "perangkat_daerah" in self.fields:
            field = self.fields["perangkat_daerah"]
            field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
            field.required = True
            field.empty_label = None

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        pd = cleaned.get("perangkat_daerah")
        slug = cleaned.get("slug")
        if parent is not None:
            if parent.perangkat_daerah_id != (pd.pk if pd else None):
                self.add_error("parent", _("The parent page must belong to the same agency."))
            chain = [parent, *reversed(parent.ancestors())]
            if self.instance.pk and any(p.pk == self.instance.pk for p in chain):
                self.add_error("parent", _("A page cannot be placed under itself."))
            elif len(chain) + 1 + (self.instance.subtree_height() if self.instance.pk else 0) > (
                MAX_DEPTH
            ):
                self.add_error(
                    "parent", _("Pages can be nested %(n)s levels deep at most.") % {"n": MAX_DEPTH}
                )
        if slug:
            if pd is not None and parent is None and slug in RESERVED_PD_SLUGS:
                self.add_error("slug", _("This address is reserved; choose another one."))
            siblings = Page.objects.filter(slug=slug, parent=parent, perangkat_daerah=pd)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error("slug", _("Another page at this place already uses this address."))
        return cleaned
