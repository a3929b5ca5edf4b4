from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from media_library.admin_inlines import PhotoRowsInlineMixin
from perangkat_daerah.admin_scoping import PDScopedAdminMixin
from publishing import workflow
from publishing.admin import PublishingAdminMixin

from .forms import AlbumAdminForm, VideoAdminForm
from .models import Album, AlbumPhoto, Video


class AlbumPhotoInline(PhotoRowsInlineMixin, admin.TabularInline):
    """The photos are part of the album: whoever may edit the album may edit them. A
    Penulis is offered their own PD's photos; another PD's photo already in the album
    stays (read-only, cannot be removed by the Penulis)."""

    model = AlbumPhoto
    extra = 1
    autocomplete_fields = ["image"]
    fields = ["image", "caption", "credit", "order"]

    def _may_edit(self, request, obj):
        return request.user.has_perm("galleries.change_album") and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("galleries.view_album") or self._may_edit(request, obj)

    def has_add_permission(self, request, obj):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    parent_field = "album"


class GalleryAdmin(PDScopedAdminMixin, PublishingAdminMixin, admin.ModelAdmin):
    list_display = ["title", "status", "perangkat_daerah", "published_at", "updated_at"]
    list_filter = ["status", "perangkat_daerah"]
    list_select_related = ["perangkat_daerah"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]


@admin.register(Album)
class AlbumAdmin(GalleryAdmin):
    form = AlbumAdminForm
    preview_template = "galleries/album.html"
    inlines = [AlbumPhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "taken_on", "perangkat_daerah"]}),
        (None, {"fields": ["loaded_version"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]


@admin.register(Video)
class VideoAdmin(GalleryAdmin):
    form = VideoAdminForm
    preview_template = "galleries/video.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "youtube_url", "description", "perangkat_daerah"]}),
        (None, {"fields": ["loaded_version"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]
