"""Admin for users (kominfo/user_admin.py), PDs, writers and the audit log.

PD logos and writer photos are uploaded here, in the project package, because
only here may code use both those apps and media_library's upload pipeline
(apps depend one way: authors/perangkat_daerah never import media_library).
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

from authors.models import Author
from media_library import pipeline
from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_administrator, is_editor, is_penulis, user_pd_ids

from . import library_admin
from .models import AuditEvent
from .user_admin import OfficeUserAdmin


def clean_uploaded_picture(form, field_name):
    upload = form.cleaned_data.get(field_name)
    if not upload or not hasattr(upload, "content_type"):
        return upload  # unchanged or cleared
    try:
        clean = pipeline.clean_image_upload(upload)
    except ValidationError as error:
        raise ValidationError(error.messages) from None
    return ContentFile(
        clean.content, name=pipeline.generated_path("x", clean.extension).split("/")[-1]
    )


def https_urls(db_field, **kwargs):
    # Addresses typed without a scheme get https:// (Django 6's default, without the warning).
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class PerangkatDaerahForm(forms.ModelForm):
    class Meta:
        model = PerangkatDaerah
        formfield_callback = https_urls
        fields = [
            "name",
            "short_name",
            "slug",
            "description",
            "logo",
            "address",
            "phone",
            "email",
            "website",
            "is_active",
            "order",
            "members",
        ]

    def clean_logo(self):
        return clean_uploaded_picture(self, "logo")


class AuthorForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["display_name", "slug", "photo", "bio", "perangkat_daerah", "user"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not is_editor(user) and "perangkat_daerah" in self.fields:
            # A Penulis writes bylines for their own agency and may link an account of it.
            own = user_pd_ids(user)
            agency = self.fields["perangkat_daerah"]
            agency.queryset = PerangkatDaerah.objects.filter(pk__in=own)
            agency.required, agency.empty_label = True, None
            self.fields["user"].queryset = User.objects.filter(perangkat_daerah__in=own).distinct()

    def clean_photo(self):
        return clean_uploaded_picture(self, "photo")


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = PerangkatDaerahForm
    list_display = ["name", "short_name", "is_active", "order"]
    list_filter = ["is_active"]
    list_editable = ["order"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["members"]


@admin.register(Author)
class AuthorAdmin(PDScopedAdminMixin, admin.ModelAdmin):
    """Bylines. A Penulis adds and edits their own agency's (the "+" beside the byline
    field works for them); other agencies' bylines answer 404. The byline autocomplete
    reads this queryset, so it offers the user's own agency's writers first."""

    form = AuthorForm
    list_display = ["display_name", "perangkat_daerah", "user"]
    list_filter = ["perangkat_daerah"]
    list_select_related = ["perangkat_daerah", "user"]
    search_fields = ["display_name", "user__username"]
    prepopulated_fields = {"slug": ["display_name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).own_pd_first(request.user)

    def get_autocomplete_fields(self, request):
        # A Penulis may not list accounts: they get a plain list of their agency's members.
        return ["user"] if is_editor(request.user) else []

    def _penulis_of(self, request, obj):
        user = request.user
        return (
            is_penulis(user)
            and bool(user_pd_ids(user))
            and (obj is None or obj.perangkat_daerah_id in user_pd_ids(user))
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) or self._penulis_of(request, None)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._penulis_of(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # What a byline shown on published (or scheduled) articles says reaches the
        # public pages (its /penulis/ page and meta description) without an approval:
        # name and address stay as they are for everyone; photo and bio may be changed
        # by a Redaktur only. Read-only fields are left out of the form, so a crafted
        # POST cannot change them either. The account link is not public.
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.articles.filter(status="published").exists():
            fields += ["display_name", "slug"]
            if not is_editor(request.user):
                fields += ["photo", "bio"]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only audit log, for Administrators only."""

    list_display = ["created_at", "kind", "username", "actor", "ip_address", "detail"]
    list_filter = ["kind", "created_at"]
    search_fields = ["username", "actor", "detail", "ip_address"]
    date_hierarchy = "created_at"

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(User)
admin.site.register(User, OfficeUserAdmin)
library_admin.register()
