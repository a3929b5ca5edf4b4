from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_administrator

from .menu_forms import MenuItemForm
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


@admin.register(MenuItem)
class MenuItemAdmin(AdministratorOnly, admin.ModelAdmin):
    form = MenuItemForm
    list_display = ["title", "parent", "order", "link", "in_header", "in_footer"]
    list_editable = ["order", "in_header", "in_footer"]
    list_select_related = ["parent", "target_type"]
    ordering = ["parent__order", "parent__pk", "order", "pk"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One query per target type on the page: the names the links point to.
        wanted = {}
        for item in changelist.result_list:
            if item.target_type_id:
                wanted.setdefault(item.target_type, set()).add(item.target_id)
        names = {}
        for ct, ids in wanted.items():
            model = ct.model_class()
            if model is not None:
                for obj in model._default_manager.filter(pk__in=ids):
                    names[(ct.pk, obj.pk)] = f"{ct.name}: {obj}"
        for item in changelist.result_list:
            item.target_label = names.get((item.target_type_id, item.target_id))
        return changelist

    @admin.display(description=_("links to"))
    def link(self, obj):
        if obj.target_type_id:
            label = getattr(obj, "target_label", None)
            return label or f"{obj.target_type.name} #{obj.target_id}"
        return obj.url or "—"
