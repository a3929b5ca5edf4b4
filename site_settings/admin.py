from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_administrator

from . import menu
from .menu_forms import MenuChildrenFormSet, MenuItemForm
from .models import MenuItem, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["logo"]
    fieldsets = [
        (None, {"fields": ["site_name", "tagline", "office_name", "logo"]}),
        (_("Security"), {"fields": ["require_two_factor"]}),
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


class AdministratorOnly:
    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)


class MenuChildInline(AdministratorOnly, admin.TabularInline):
    """The sub-items of a top-level item, edited with it: a heading and its first
    sub-item can be saved together (a heading without a link needs one)."""

    model = MenuItem
    fk_name = "parent"
    form = MenuItemForm
    formset = MenuChildrenFormSet
    fields = ["title", "order", "target", "url"]
    extra = 1
    verbose_name = _("sub-item")
    verbose_name_plural = _("sub-items")


@admin.register(MenuItem)
class MenuItemAdmin(AdministratorOnly, admin.ModelAdmin):
    form = MenuItemForm
    inlines = [MenuChildInline]
    list_display = ["title", "parent", "order", "link", "in_header", "in_footer"]
    list_editable = ["order", "in_header", "in_footer"]
    list_select_related = ["parent", "target_type"]
    ordering = ["parent__order", "parent__pk", "order", "pk"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        labels = menu.target_labels(changelist.result_list)
        for item in changelist.result_list:
            item.target_label = labels.get((item.target_type_id, item.target_id))
        return changelist

    def get_inline_instances(self, request, obj=None):
        # A sub-item has no sub-items of its own (two levels).
        if obj is not None and obj.parent_id is not None:
            return []
        return super().get_inline_instances(request, obj)

    @admin.display(description=_("links to"))
    def link(self, obj):
        if obj.target_type_id:
            label = getattr(obj, "target_label", None)
            return label or f"{obj.target_type.name} #{obj.target_id}"
        return obj.url or "—"
