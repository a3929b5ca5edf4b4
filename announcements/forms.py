from django import forms
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from media_library.models import Document
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids
from publishing.forms import PublishableForm
from richtext.forms import RichTextBodyForm

from .models import Announcement


class AnnouncementAdminForm(RichTextBodyForm, PublishableForm):
    class Meta:
        model = Announcement
        # Start and expiry are set by a Redaktur in the status panel (publishing.workflow).
        fields = ["title", "slug", "summary", "body", "attachments", "perangkat_daerah"]
        widgets = {
            "body": CKEditor5Widget(config_name="article"),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.foreign_attachments = []
        if "body" in self.fields:
            self.fields["body"].required = False
        if user is not None and not is_editor(user):
            self._limit_to_own_agency(user)

    def _limit_to_own_agency(self, user):
        """Another PD's agency and documents are not offered to a Penulis; documents of
        another PD already attached stay attached (read-only)."""
        if "perangkat_daerah" in self.fields:
            field = self.fields["perangkat_daerah"]
            field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
            field.empty_label = None
        if "attachments" in self.fields:
            visible = Document.objects.visible_to(user)
            self.fields["attachments"].queryset = visible
            if self.instance.pk:
                self.foreign_attachments = list(self.instance.attachments.exclude(pk__in=visible))
            if self.foreign_attachments:
                names = ", ".join(str(doc) for doc in self.foreign_attachments)
                self.fields["attachments"].help_text = _(
                    "Also attached, from another agency (kept as they are): %(names)s"
                ) % {"names": names}

    def clean_attachments(self):
        chosen = list(self.cleaned_data.get("attachments") or [])
        return chosen + [doc for doc in self.foreign_attachments if doc not in chosen]
