from django import forms
from django_ckeditor_5.widgets import CKEditor5Widget

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids
from publishing.forms import PublishableForm
from richtext.forms import RichTextBodyForm

from .models import Page, placement_problems


class PageAdminForm(RichTextBodyForm, PublishableForm):
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
        pd = cleaned.get("perangkat_daerah")
        place = (cleaned.get("parent"), pd.pk if pd else None, cleaned.get("slug"))
        for field, message in placement_problems(self.instance, *place):
            self.add_error(field, message)
        return cleaned
