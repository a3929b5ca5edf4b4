from django import forms
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from media_library.models import Document, Image
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids

from .models import Article, NotificationPreference
from .tag_fields import BoundedTagField


class ArticleAdminForm(forms.ModelForm):
    # The version the form was loaded from (optimistic locking, see workflow.lock_for_edit).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        # Status and publication times are not form fields: only articles.workflow sets them.
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
        super().__init__(*args, **kwargs)
        self.user = user
        self.locked_article = None
        if "body" in self.fields:
            self.fields["body"].required = False
        if self.instance.pk:
            self.fields["loaded_version"].required = True
            self.fields["loaded_version"].initial = self.instance.version
            if not self.is_bound:
                self._load_pending_revision()
        if user is not None and not is_editor(user):
            if "perangkat_daerah" in self.fields:
                field = self.fields["perangkat_daerah"]
                field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
                field.empty_label = None
            # Media of other PDs is invisible to a Penulis: not offered, not accepted.
            if "featured_image" in self.fields:
                self.fields["featured_image"].queryset = Image.objects.visible_to(user)
            if "attachments" in self.fields:
                self.fields["attachments"].queryset = Document.objects.visible_to(user)

    def _load_pending_revision(self):
        """A published article with a change waiting for approval opens with that change,
        so a second edit builds on the first instead of silently dropping it."""
        from . import workflow

        if self.instance.status != Article.Status.PUBLISHED:
            return
        pending = workflow.pending_revision(self.instance)
        if pending is None:
            return
        for name, value in pending.content.items():
            field = name.removesuffix("_id")
            if field in self.fields and name != "perangkat_daerah_id":
                self.initial[field] = value
        if "tags" in self.fields and "tags" in pending.content:
            self.initial["tags"] = ", ".join(pending.content["tags"])

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        from .models import SlugHistory

        taken = SlugHistory.objects.filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(article=self.instance)
        if taken.exists():
            raise forms.ValidationError(_("This address was used by another article before."))
        return slug

    def clean(self):
        from . import workflow

        cleaned = super().clean()
        if self.instance.pk:
            try:
                # Locks the row until the admin's transaction commits the save.
                self.locked_article = workflow.lock_for_edit(
                    self.instance.pk, cleaned.get("loaded_version")
                )
            except workflow.StaleEdit as error:
                self.stale_error = error
                raise
        return cleaned


class TransitionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("submit", _("Submit for review")),
            ("withdraw", _("Withdraw from review")),
            ("request_changes", _("Request changes")),
            ("publish", _("Publish now")),
            ("schedule", _("Schedule")),
            ("unpublish", _("Unpublish")),
            ("restore", _("Restore to draft")),
        ]
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    when = forms.DateTimeField(
        label=_("Publication time"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=60, initial=7)


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email_enabled"]
