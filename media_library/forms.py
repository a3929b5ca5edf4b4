from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids

from . import pipeline
from .models import Document, Image


def scope_pd_field(field, user):
    """Penulis may only file media under their own PDs."""
    if not is_editor(user):
        field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
        field.required = True
        field.empty_label = None


class ImageAdminForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Image file"),
        required=False,
        help_text=_("JPEG, PNG, WebP, GIF or HEIC. Location data and other metadata are removed."),
    )

    class Meta:
        model = Image
        fields = [
            "upload",
            "title",
            "alt_text",
            "is_decorative",
            "caption",
            "credit",
            "perangkat_daerah",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        if user is not None:
            scope_pd_field(self.fields["perangkat_daerah"], user)
        self.clean_image = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            try:
                self.clean_image = pipeline.clean_image_upload(upload)
            except ValidationError as error:
                raise ValidationError({"upload": error.messages}) from None
        elif not self.instance.pk:
            raise ValidationError({"upload": _("Choose an image file to upload.")})
        if not cleaned.get("title") and upload:
            cleaned["title"] = pipeline.default_title(upload.name)
        elif not cleaned.get("title") and not self.instance.pk:
            raise ValidationError({"title": _("This field is required.")})
        return cleaned


class DocumentAdminForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Document file"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT or ODS."),
    )

    class Meta:
        model = Document
        fields = ["upload", "title", "description", "perangkat_daerah"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        if user is not None:
            scope_pd_field(self.fields["perangkat_daerah"], user)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if not upload and not self.instance.pk:
            raise ValidationError({"upload": _("Choose a document file to upload.")})
        self.clean_document = None
        if upload:
            try:
                self.clean_document = pipeline.clean_document_upload(upload)
            except ValidationError as error:
                raise ValidationError({"upload": error.messages}) from None
        if not cleaned.get("title") and upload:
            cleaned["title"] = pipeline.default_title(upload.name)
        return cleaned
