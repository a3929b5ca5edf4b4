"""Admin for the site settings, PDs and writers.

PD logos and writer photos are uploaded here, in the project package, because
only here may code use both those apps and media_library's upload pipeline
(apps depend one way: authors/perangkat_daerah never import media_library).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from authors.models import Author
from media_library import pipeline
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_administrator

from .models import SiteSettings


def clean_uploaded_picture(form, field_name):
    upload = form.cleaned_data.get(field_name)
    if not upload or not hasattr(upload, "content_type"):
        return upload  # unchanged or cleared
    try:
        clean = pipeline.clean_image_upload(upload)
    except ValidationError as error:
        raise ValidationError(error.messages) from None
    return ContentFile(clean.content, name=pipeline.generated_path("x", clean.extension).split("/")[-1])


class PerangkatDaerahForm(forms.ModelForm):
    class Meta:
        model = PerangkatDaerah
        fields = "__all__"

    def clean_logo(self):
        return clean_uploaded_picture(self, "logo")


class AuthorForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = "__all__"

    def clean_photo(self):
        return clean_uploaded_picture(self, "photo")


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    form = PerangkatDaerahForm
    list_display = ["name", "short_name", "is_active", "order"]
    list_filter = ["is_active"]
    list_editable = ["order"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["members"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorForm
    list_display = ["display_name", "perangkat_daerah", "user"]
    list_filter = ["perangkat_daerah"]
    list_select_related = ["perangkat_daerah", "user"]
    search_fields = ["display_name", "user__username"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    autocomplete_fields = ["logo"]
    fieldsets = [
        (None, {"fields": ["site_name", "tagline", "office_name", "logo"]}),
        (_("Footer"), {"fields": ["footer_text", "address", "phone", "email"]}),
        (_("Social media"), {"fields": ["facebook_url", "instagram_url", "x_url", "youtube_url"]}),
    ]

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return is_administrator(request.user) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
