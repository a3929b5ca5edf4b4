from django import forms
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids

from .models import Article


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin fieldsets choose the fields
        widgets = {
            "body": CKEditor5Widget(config_name="article"),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = False
        if user is not None and not is_editor(user) and "perangkat_daerah" in self.fields:
            field = self.fields["perangkat_daerah"]
            field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
            field.empty_label = None

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        from .models import SlugHistory

        taken = SlugHistory.objects.filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(article=self.instance)
        if taken.exists():
            raise forms.ValidationError(_("This address was used by another article before."))
        return slug
