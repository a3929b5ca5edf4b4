from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids

from . import duplicates, pipeline
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

    upload_anyway = forms.BooleanField(
        label=_("Upload anyway"),
        required=False,
        help_text=_("Store a second copy even though this photo is already in the library."),
    )

    class Meta:
        model = Image
        fields = [
            "upload",
            "upload_anyway",
            "title",
            "alt_text",
            "is_decorative",
            "caption",
            "credit",
            "perangkat_daerah",
        ]

    # Set by ImageAdmin.get_form: keeps the "use this photo" link inside the popup.
    popup_query = ""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # A read-only view (media shown by published content, for a Penulis) has no fields.
        if "title" in self.fields:
            self.fields["title"].required = False
        if user is not None and "perangkat_daerah" in self.fields:
            scope_pd_field(self.fields["perangkat_daerah"], user)
        self.clean_image = None
        self.duplicate = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            try:
                self.clean_image = pipeline.clean_image_upload(upload)
            except ValidationError as error:
                raise ValidationError({"upload": error.messages}) from None
            if not cleaned.get("upload_anyway"):
                self._offer_duplicate(self.clean_image.source_hash)
        elif not self.instance.pk:
            raise ValidationError({"upload": _("Choose an image file to upload.")})
        if not cleaned.get("title") and upload:
            cleaned["title"] = pipeline.default_title(upload.name)
        elif not cleaned.get("title") and not self.instance.pk:
            raise ValidationError({"title": _("This field is required.")})
        return cleaned

    def _offer_duplicate(self, digest):
        """The same photo (same bytes) is already stored: offer it instead of a copy."""
        queryset = Image.objects.exclude(pk=self.instance.pk)
        if self.user is not None:
            queryset = queryset.visible_to(self.user)
        self.duplicate = pipeline.find_duplicate_image(digest, queryset)
        if self.duplicate is not None:
            raise duplicates.duplicate_error(self.duplicate, self.popup_query)


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
        if "title" in self.fields:
            self.fields["title"].required = False
        if user is not None and "perangkat_daerah" in self.fields:
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
