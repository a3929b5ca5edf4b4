from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from publishing.admin import PublishingAdminMixin
from publishing.templatetags.indonesian import zone_label

from .forms import EventAdminForm
from .models import Event, EventCategory


@admin.register(EventCategory)
class EventCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Event)
class EventAdmin(PDScopedAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    form = EventAdminForm
    preview_template = "agenda/detail.html"
    list_display = ["title", "when", "place", "category", "perangkat_daerah", "status"]
    list_filter = ["status", "category", "perangkat_daerah"]
    list_select_related = ["category", "perangkat_daerah"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "loaded_version"]}),
        (_("Time and place"), {"fields": ["all_day", "starts_at", "ends_at", "place", "address"]}),
        (_("Classification"), {"fields": ["category", "perangkat_daerah", "coverage_url"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("start"), ordering="starts_at")
    def when(self, obj):
        local = timezone.localtime(obj.starts_at)
        if obj.all_day:
            return f"{local:%d-%m-%Y}"
        return f"{local:%d-%m-%Y %H:%M} {zone_label()}"
