from django import forms
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from media_library.models import Document, Image
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids
from publishing.forms import PublishableForm
from richtext.forms import RichTextBodyForm

from .models import Article
from .tag_fields import BoundedTagField


class ArticleAdminForm(RichTextBodyForm, PublishableForm):
    class Meta:
        model = Article
        # Status and publication times are not form fields: only publishing.workflow sets them.
        fields = [
            "title",
            "slug",
            "dateline",
            "lead",
            "body",
            "featured_image",
            "featured_image_caption",
            "attachments",
            "category",
            "perangkat_daerah",
            "tags",
            "is_featured",
            "seo_title",
            "seo_description",
        ]
        field_classes = {"tags": BoundedTagField}
        widgets = {
            "body": CKEditor5Widget(config_name="article"),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.foreign_attachments = []
        if "body" in self.fields:
            self.fields["body"].required = False
        if user is not None and not is_editor(user):
            self._limit_to_own_agency(user)

    def _limit_to_own_agency(self, user):
        """Another PD's objects are not offered to a Penulis and not accepted from one;
        those already on the article stay exactly as they are (read-only)."""
        if "perangkat_daerah" in self.fields:
            field = self.fields["perangkat_daerah"]
            field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
            field.empty_label = None
        instance = self.instance if self.instance.pk else None
        if "featured_image" in self.fields:
            field = self.fields["featured_image"]
            visible = Image.objects.visible_to(user)
            current = instance.featured_image_id if instance else None
            field.queryset = visible | Image.objects.filter(pk=current)
            if current and not visible.filter(pk=current).exists():
                field.disabled = True
                field.help_text = _("Photo of another agency: only a Redaktur can change it.")
                for link in ("add", "change", "delete", "view"):
                    # No pencil/plus/cross next to it: those pages are not theirs.
                    setattr(field.widget, f"can_{link}_related", False)
        if "attachments" in self.fields:
            visible = Document.objects.visible_to(user)
            self.fields["attachments"].queryset = visible
            if instance is not None:
                self.foreign_attachments = list(instance.attachments.exclude(pk__in=visible))
            if self.foreign_attachments:
                names = ", ".join(str(doc) for doc in self.foreign_attachments)
                self.fields["attachments"].help_text = _(
                    "Also attached, from another agency (kept as they are): %(names)s"
                ) % {"names": names}

    def clean_attachments(self):
        chosen = list(self.cleaned_data.get("attachments") or [])
        return chosen + [doc for doc in self.foreign_attachments if doc not in chosen]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        from .models import SlugHistory

        taken = SlugHistory.objects.filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(article=self.instance)
        if taken.exists():
            raise forms.ValidationError(_("This address was used by another article before."))
        return slug
