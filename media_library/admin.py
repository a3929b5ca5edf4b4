import threading

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from perangkat_daerah.roles import is_editor, user_pd_ids

from . import duplicates, pipeline
from .forms import DocumentAdminForm, ImageAdminForm
from .models import Document, Image
from .usage import find_usages, used_by_published

_viewer = threading.local()


def _may_see(user, obj):
    """A Penulis is told where their media is used only by items of their own agency."""
    if user is None or is_editor(user):
        return True
    return getattr(obj, "perangkat_daerah_id", None) in user_pd_ids(user)


def _admin_link(usage):
    opts = usage.obj._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[usage.obj.pk])
    except NoReverseMatch:
        return format_html("{} ({})", usage.obj, usage.where)
    return format_html('<a href="{}">{}</a> ({})', url, usage.obj, usage.where)


class ScopedMediaAdmin(PDScopedAdminMixin, admin.ModelAdmin):
    """Penulis see only their own PDs' media: others' objects answer 404.
    Media in use cannot be deleted; the admin lists where it is used instead."""

    list_filter = ["perangkat_daerah", "created_at"]
    date_hierarchy = "created_at"
    list_select_related = ["perangkat_daerah"]

    def has_change_permission(self, request, obj=None):
        """Media that published content shows would change the public pages without an
        approval: it is read-only for everyone; a different file is uploaded as a new
        item and chosen in the article (a proposal, approved as usual)."""
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            return not used_by_published(obj)
        return allowed

    def has_delete_permission(self, request, obj=None):
        # Media in use has no delete button at all; its page lists where it is used.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not find_usages(obj))

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            fields = [f for f in fields if f not in ("upload", "upload_anyway")]
        return fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and used_by_published(obj):
            from django.contrib import messages

            messages.info(
                request,
                _(
                    "This file is shown by published content, so it cannot be changed here. "
                    "To use a different file, upload a new one and choose it in the article."
                ),
            )
        _viewer.user = request.user
        try:
            response = super().change_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # the usage list is rendered for this viewer
            return response
        finally:
            _viewer.user = None

    def get_deleted_objects(self, objs, request):
        """Anything in use is "protected": the admin then refuses the deletion (single
        and bulk) and shows this list. Files are removed by the post_delete receiver."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = []
        for obj in objs:
            for usage in find_usages(obj):
                where = (
                    _admin_link(usage)
                    if _may_see(request.user, usage.obj)
                    else _("an item of another agency")
                )
                in_use.append(format_html("{}: {}", obj, where))
        if in_use:
            # "In use" is the reason, not a missing permission (has_delete_permission
            # says no for media in use, so Django would list it as a permission).
            return deleted, counts, set(), in_use
        return deleted, counts, perms_needed, protected

    @admin.display(description=_("Used in"))
    def usage(self, obj):
        if not obj.pk:
            return "-"
        usages = find_usages(obj)
        if not usages:
            return _("Not used in any article.")
        user = getattr(_viewer, "user", None)
        shown = [u for u in usages if user is not None and _may_see(user, u.obj)]
        hidden = len(usages) - len(shown)
        items = [(_admin_link(u),) for u in shown]
        if hidden:
            items.append((_("and %(count)s item(s) of other agencies") % {"count": hidden},))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", items))

    @admin.display(description=_("Size"), ordering="file_size")
    def human_size(self, obj):
        return obj.human_size


@admin.register(Image)
class ImageAdmin(ScopedMediaAdmin):
    form = ImageAdminForm
    list_display = [
        "thumbnail",
        "title",
        "perangkat_daerah",
        "dimensions",
        "human_size",
        "created_at",
    ]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    readonly_fields = [
        "preview",
        "usage",
        "width",
        "height",
        "file_size",
        "content_hash",
        "uploaded_by",
        "created_at",
    ]

    @admin.display(description=_("Preview"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy" style="object-fit:cover">',
            obj.thumbnail_url,
            max(1, round(80 * obj.height / obj.width)) if obj.width else 60,
        )

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if not obj.pk:
            return "-"
        medium = obj.rendition("jpeg-640") or {"url": obj.file.url}
        return format_html(
            '<img src="{}" alt="" style="max-width:480px;height:auto">', medium["url"]
        )

    @admin.display(description=_("Dimensions"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}"

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        form_class.popup_query = duplicates.popup_query(request)
        return form_class

    def get_urls(self):
        use = path(
            "<path:object_id>/use/",
            self.admin_site.admin_view(self.use_existing_view),
            name="media_library_image_use",
        )
        return [use, *super().get_urls()]

    def use_existing_view(self, request, object_id):
        return duplicates.use_existing_view(self, request, unquote(object_id))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        if form.clean_image is not None:
            pipeline.save_clean_image(form.clean_image, obj)
        else:
            obj.save()


@admin.register(Document)
class DocumentAdmin(ScopedMediaAdmin):
    form = DocumentAdminForm
    list_display = ["title", "kind", "perangkat_daerah", "human_size", "created_at"]
    search_fields = ["title", "description"]
    readonly_fields = ["download", "usage", "kind", "file_size", "uploaded_by", "created_at"]

    @admin.display(description=_("Download"))
    def download(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{} ({})</a>', obj.get_download_url(), obj.kind.upper(), obj.human_size
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        if form.clean_document is not None:
            data, kind = form.clean_document
            pipeline.save_document(data, kind, obj)
        else:
            obj.save()
