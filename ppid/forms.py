from django import forms
from django.utils.translation import gettext_lazy as _

from media_library.models import Document
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids
from publishing.forms import PublishableForm

from .models import InformationEntry


class HttpsURLField(forms.URLField):
    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class InformationEntryForm(PublishableForm):
    class Meta:
        model = InformationEntry
        fields = [
            "title",
            "slug",
            "kip_class",
            "year",
            "doc_type",
            "summary",
            "document",
            "external_url",
            "legal_reason",
            "perangkat_daerah",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"external_url": HttpsURLField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is None or is_editor(user):
            return
        field = self.fields["perangkat_daerah"]
        field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
        field.empty_label = None
        current = self.instance.document_id if self.instance.pk else None
        visible = Document.objects.visible_to(user)
        doc = self.fields["document"]
        doc.queryset = visible | Document.objects.filter(pk=current)
        if current and not visible.filter(pk=current).exists():
            doc.disabled = True
            doc.help_text = _("File of another agency: only a Redaktur can change it.")
