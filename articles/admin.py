from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_editor, user_pd_ids

from .forms import ArticleAdminForm
from .models import Article, ArticleAuthor, Category, GalleryItem


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "show_on_home"]
    list_editable = ["order", "show_on_home"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = _("byline")
    verbose_name_plural = _("bylines")


class GalleryItemInline(admin.TabularInline):
    model = GalleryItem
    extra = 0
    autocomplete_fields = ["image"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "thumbnail", "title", "status_label", "category", "perangkat_daerah", "published_at", "updated_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "category", "perangkat_daerah", "is_featured", "published_at"]
    list_select_related = ["category", "perangkat_daerah", "featured_image"]
    search_fields = ["title", "lead", "dateline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["featured_image", "attachments", "category"]
    inlines = [ArticleAuthorInline, GalleryItemInline]
    readonly_fields = ["status", "published_at", "first_published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dateline", "lead", "body"]}),
        (_("Photo"), {"fields": ["featured_image", "featured_image_caption"]}),
        (_("Classification"), {"fields": ["category", "perangkat_daerah", "tags", "is_featured"]}),
        (_("Attachments"), {"fields": ["attachments"], "classes": ["collapse"]}),
        (_("Publication"), {"fields": ["status", "published_at", "first_published_at", "created_at", "updated_at"]}),
        (_("Search engines"), {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)

        class UserBoundForm(form_class):
            def __init__(self, *args, **kw):
                kw.setdefault("user", request.user)
                super().__init__(*args, **kw)

        return UserBoundForm

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not is_editor(request.user) and user_pd_ids(request.user):
            initial.setdefault("perangkat_daerah", min(user_pd_ids(request.user)))
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Photo"))
    def thumbnail(self, obj):
        if not obj.featured_image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="40" loading="lazy" style="object-fit:cover">',
            obj.featured_image.file.url,
        )

    @admin.display(description=_("Status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Scheduled")
        return obj.get_status_display()
