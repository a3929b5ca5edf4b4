from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from publishing.admin import PublishingAdminMixin

from .forms import PageAdminForm
from .models import Page


@admin.register(Page)
class PageAdmin(PDScopedAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    form = PageAdminForm
    preview_template = "pages/preview.html"
    list_display = ["title", "parent", "perangkat_daerah", "status_label", "order", "updated_at"]
    list_filter = ["status", "perangkat_daerah"]
    list_select_related = ["parent", "perangkat_daerah"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "loaded_version"]}),
        (_("Place"), {"fields": ["perangkat_daerah", "parent", "order"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("Status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Scheduled")
        return obj.get_status_display()
