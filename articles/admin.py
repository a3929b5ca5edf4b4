from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from media_library.admin_inlines import PhotoRowsInlineMixin
from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from perangkat_daerah.roles import is_editor
from publishing import workflow
from publishing.admin import PublishingAdminMixin
from publishing.templatetags.indonesian import zone_label

from .admin_bylines import BylineChoicesMixin
from .admin_tags import TagSuggestMixin
from .forms import ArticleAdminForm
from .models import Article, ArticleAuthor, Category, GalleryItem


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "show_on_home"]
    list_editable = ["order", "show_on_home"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticlePartInline(admin.TabularInline):
    """Bylines and gallery rows are part of the article: whoever may edit the article
    may edit them (the groups hold no separate permissions for these through models)."""

    def _may_edit(self, request, obj):
        return request.user.has_perm("articles.change_article") and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article") or self._may_edit(request, obj)

    def has_add_permission(self, request, obj):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


class ArticleAuthorInline(BylineChoicesMixin, ArticlePartInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = _("byline")
    verbose_name_plural = _("bylines")


class GalleryItemInline(PhotoRowsInlineMixin, ArticlePartInline):
    model = GalleryItem
    extra = 0
    autocomplete_fields = ["image"]
    parent_field = "article"


@admin.register(Article)
class ArticleAdmin(
    PDScopedAdminMixin,
    TagSuggestMixin,
    PublishingAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    preview_template = "articles/preview.html"
    list_display = [
        "thumbnail",
        "title",
        "status_label",
        "category",
        "perangkat_daerah",
        "publication_time",
        "updated_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "category", "perangkat_daerah", "is_featured", "published_at"]
    list_select_related = ["category", "perangkat_daerah", "featured_image"]
    search_fields = ["title", "lead", "dateline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["featured_image", "attachments", "category"]
    inlines = [ArticleAuthorInline, GalleryItemInline]
    readonly_fields = [
        "status",
        "publication_time",
        "first_published_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dateline", "lead", "body", "loaded_version"]}),
        (_("Photo"), {"fields": ["featured_image", "featured_image_caption"]}),
        (_("Classification"), {"fields": ["category", "perangkat_daerah", "tags", "is_featured"]}),
        (_("Attachments"), {"fields": ["attachments"], "classes": ["collapse"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "publication_time",
                    "first_published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (
            _("Search engines"),
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
    ]

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

    @admin.display(description=_("publication time"), ordering="published_at")
    def publication_time(self, obj):
        if not obj.published_at:
            return "—"
        local = timezone.localtime(obj.published_at)
        return f"{local:%d-%m-%Y %H:%M} {zone_label()}"


# django-taggit's own admin lets anyone with view permission merge tags, which rewrites
# the tags of live articles of every agency with no revision or log. Tags are managed
# by editors only, without the merge action, and a tag in use cannot be deleted.
admin.site.unregister(Tag)


def _tag_on_published(tag):
    return Article.objects.filter(status=Article.Status.PUBLISHED, tags=tag).exists()


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    ordering = ["name"]
    search_fields = ["name"]
    actions = None

    def _editor(self, request):
        return is_editor(request.user)

    def has_module_permission(self, request):
        return self._editor(request)

    def has_view_permission(self, request, obj=None):
        return self._editor(request)

    def has_add_permission(self, request):
        return self._editor(request)

    def has_change_permission(self, request, obj=None):
        # Renaming a tag that published articles carry would change live pages (and
        # break its /tag/ address) without an approval: such tags are read-only.
        if not self._editor(request):
            return False
        return obj is None or not _tag_on_published(obj)

    def has_delete_permission(self, request, obj=None):
        if not self._editor(request):
            return False
        return obj is None or not TaggedItem.objects.filter(tag=obj).exists()

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(uses=Count("taggit_taggeditem_items"))

    @admin.display(description=_("articles"), ordering="uses")
    def article_count(self, obj):
        return obj.uses


from .wordpress import admin as _wordpress_admin  # noqa: E402,F401  (registers the import admin)
