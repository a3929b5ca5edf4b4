from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_editor, user_pd_ids

from . import pipeline
from .forms import DocumentAdminForm, ImageAdminForm
from .models import Document, Image


class ScopedMediaAdmin(admin.ModelAdmin):
    """Penulis see only their own PDs' media: others' objects answer 404."""

    list_filter = ["perangkat_daerah", "created_at"]
    date_hierarchy = "created_at"
    list_select_related = ["perangkat_daerah"]

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
    readonly_fields = ["preview", "width", "height", "file_size", "uploaded_by", "created_at"]

    @admin.display(description=_("Preview"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy" style="object-fit:cover">',
            obj.file.url,
            max(1, round(80 * obj.height / obj.width)) if obj.width else 60,
        )

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<img src="{}" alt="" style="max-width:480px;height:auto">', obj.file.url
        )

    @admin.display(description=_("Dimensions"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}"

    @admin.display(description=_("Size"), ordering="file_size")
    def human_size(self, obj):
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(obj.file_size)

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
    readonly_fields = ["kind", "file_size", "uploaded_by", "created_at"]

    @admin.display(description=_("Size"), ordering="file_size")
    def human_size(self, obj):
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(obj.file_size)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        if form.clean_document is not None:
            data, kind = form.clean_document
            pipeline.save_document(data, kind, obj)
        else:
            obj.save()
