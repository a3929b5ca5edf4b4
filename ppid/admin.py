from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from publishing.admin import PublishingAdminMixin

from .forms import InformationEntryForm
from .models import DocumentType, InformationEntry


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(InformationEntry)
class InformationEntryAdmin(PDScopedAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    form = InformationEntryForm
    preview_template = "ppid/detail.html"
    list_display = ["title", "kip_class", "year", "doc_type", "perangkat_daerah", "status"]
    list_filter = ["status", "kip_class", "year", "doc_type", "perangkat_daerah"]
    list_select_related = ["doc_type", "perangkat_daerah"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["document"]
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kip_class", "year", "doc_type", "summary"]}),
        (_("File"), {"fields": ["document", "external_url"]}),
        (_("Exempt information"), {"fields": ["legal_reason"]}),
        (None, {"fields": ["perangkat_daerah", "loaded_version"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]
