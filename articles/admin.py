from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.admin_scoping import PDScopedAdminMixin

from . import workflow
from .admin_views import WorkflowAdminMixin
from .forms import ArticleAdminForm
from .models import Article, ArticleAuthor, Category, GalleryItem, Revision
from .templatetags.indonesian import zone_label


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


class ArticleAuthorInline(ArticlePartInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = _("byline")
    verbose_name_plural = _("bylines")


class GalleryItemInline(ArticlePartInline):
    model = GalleryItem
    extra = 0
    autocomplete_fields = ["image"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "image":
            field.queryset = field.queryset.visible_to(request.user)
        return field


@admin.register(Article)
class ArticleAdmin(PDScopedAdminMixin, WorkflowAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
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

    def view_on_site(self, obj):
        # Only a live article has a public page; others are seen through Preview.
        return obj.get_absolute_url() if obj.is_live else None

    def get_urls(self):
        return self.workflow_urls() + super().get_urls()

    def get_actions(self, request):
        # Bulk delete would bypass the delete rules; every deletion goes one by one
        # through workflow.delete.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_delete(request.user, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "featured_image":
            field.queryset = field.queryset.visible_to(request.user)
        return field

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if request.method == "GET" and object_id:
            article = self.get_article(request, object_id)
            extra_context.update(self.workflow_context(request, article))
            if workflow.edit_goes_pending(request.user, article):
                extra_context["goes_pending"] = True
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and "wf_actions" not in context:
            context.update(self.workflow_context(request, obj))
        form = context["adminform"].form
        if getattr(form, "stale_error", None) is not None:
            context["stale_error"] = form.stale_error
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            return
        locked = form.locked_article
        # Status fields belong to the workflow: take them from the locked row.
        for name in ("status", "published_at", "first_published_at", "approved_by_id"):
            setattr(obj, name, getattr(locked, name))
        obj.version = locked.version
        # State lives on the form (per request), never on this shared ModelAdmin.
        form.goes_pending = workflow.edit_goes_pending(request.user, locked)
        if form.goes_pending:
            # Let the admin save everything (inlines, tags) inside a savepoint, snapshot
            # it, then roll the savepoint back: the live article stays untouched.
            form.savepoint = transaction.savepoint()
        obj.version = locked.version + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if change and getattr(form, "goes_pending", False):
            from .revisions import snapshot

            content = snapshot(article)
            transaction.savepoint_rollback(form.savepoint)
            article.refresh_from_db()
            workflow.record_revision(
                request.user, article, content=content, state=Revision.State.PENDING
            )
            workflow.bump_version(article)
            messages.warning(
                request,
                _(
                    "This article is published: your change was saved as a proposal and goes "
                    "live when a Redaktur approves it. Readers still see the current version."
                ),
            )
            return
        workflow.record_revision(request.user, article)

    def delete_model(self, request, obj):
        workflow.delete(request.user, obj)

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


from .wordpress import admin as _wordpress_admin  # noqa: E402,F401  (registers the import admin)
