from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from publishing.admin import PublishingAdminMixin
from publishing.templatetags.indonesian import zone_label

from .forms import AnnouncementAdminForm
from .models import Announcement


def _local(value):
    if not value:
        return "—"
    return f"{timezone.localtime(value):%d-%m-%Y %H:%M} {zone_label()}"


@admin.register(Announcement)
class AnnouncementAdmin(PDScopedAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    form = AnnouncementAdminForm
    preview_template = "announcements/preview.html"
    list_display = ["title", "status_label", "perangkat_daerah", "starts", "ends", "updated_at"]
    list_filter = ["status", "perangkat_daerah"]
    list_select_related = ["perangkat_daerah"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["attachments"]
    readonly_fields = ["status", "starts", "ends", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "loaded_version"]}),
        (_("Attachments"), {"fields": ["attachments"]}),
        (_("Classification"), {"fields": ["perangkat_daerah"]}),
        (_("Publication"), {"fields": ["status", "starts", "ends", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("Status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Scheduled")
        if obj.is_expired:
            return _("Ended")
        return obj.get_status_display()

    @admin.display(description=_("starts"), ordering="published_at")
    def starts(self, obj):
        return _local(obj.published_at)

    @admin.display(description=_("ends"), ordering="expires_at")
    def ends(self, obj):
        return _local(obj.expires_at)
