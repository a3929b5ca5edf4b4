"""Admin: an Administrator uploads a WordPress export, the worker imports it in the
background (django-tasks), the page shows progress and the report (CSV download)."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_administrator

from .models import WordPressImport
from .report import write_csv


class WordPressImportForm(forms.ModelForm):
    class Meta:
        model = WordPressImport
        fields = ["export_file", "perangkat_daerah", "uploads_dir", "dry_run"]
        help_texts = {
            "export_file": _("Upload a .xml file exported from WordPress (Tools → Export)."),
            "uploads_dir": _(
                "A folder inside the server's import folder (the setting WORDPRESS_IMPORT_ROOT, "
                "“%(root)s”) holding the copied wp-content/uploads, e.g. “situs-lama/uploads”. "
                "Leave it empty to import without pictures and files."
            ),
            "dry_run": _(
                "Check the export and the uploads folder and report what the import would do, "
                "without saving anything."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "uploads_dir" in self.fields:
            field = self.fields["uploads_dir"]
            field.help_text = field.help_text % {"root": _root().name}

    def clean_export_file(self):
        upload = self.cleaned_data.get("export_file")
        if not upload:
            raise forms.ValidationError(
                _("Upload a .xml file exported from WordPress (Tools → Export).")
            )
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
        if not upload.name.lower().endswith(".xml") or b"wordpress.org/export" not in head:
            raise forms.ValidationError(_("The file is not a WordPress export (.xml)."))
        limit = settings.WORDPRESS_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The export is too large. The maximum is %(mb)s MB.")
                % {"mb": limit // (1024 * 1024)}
            )
        return upload

    def clean_uploads_dir(self):
        value = (self.cleaned_data.get("uploads_dir") or "").strip()
        if not value:
            return ""
        root = _root()
        # The README's command-line form names the import folder itself first.
        relative = value.strip("/").removeprefix(root.name + "/")
        folder = (root / relative).resolve()
        if not folder.is_relative_to(root) or not folder.is_dir():
            raise forms.ValidationError(
                _(
                    "There is no folder “%(folder)s” in the import folder “%(root)s” "
                    "(WORDPRESS_IMPORT_ROOT) on the server."
                )
                % {"folder": relative, "root": root.name}
            )
        return str(folder)


def _root():
    return Path(settings.WORDPRESS_IMPORT_ROOT).resolve()


# While an import is queued or running its page reloads itself (a meta refresh: no
# JavaScript needed); a finished or stopped import's page stays still.
REFRESH_SECONDS = 5


@admin.register(WordPressImport)
class WordPressImportAdmin(admin.ModelAdmin):
    form = WordPressImportForm
    change_form_template = "admin/articles/wordpressimport/change_form.html"
    list_display = [
        "created_at",
        "old_site",
        "perangkat_daerah",
        "dry_run",
        "state",
        "progress",
        "started_by",
    ]
    list_filter = ["state", "dry_run"]
    actions = ["mark_failed"]
    readonly_fields = [
        "state",
        "progress",
        "summary",
        "report",
        "message",
        "old_site",
        "perangkat_daerah",
        "started_by",
        "created_at",
        "finished_at",
        "dry_run",
        "problems",
    ]

    # Administrators only: an import creates and publishes content for any PD.
    def _only_administrators(self, request):
        if not is_administrator(request.user):
            raise PermissionDenied(gettext("Only Administrators may run the WordPress import."))

    def changelist_view(self, request, extra_context=None):
        self._only_administrators(request)
        return super().changelist_view(request, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        self._only_administrators(request)
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._only_administrators(request)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._only_administrators(request)
        return super().delete_view(request, object_id, extra_context)

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user) and (
            obj is None or obj.state != WordPressImport.State.RUNNING
        )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["export_file", "perangkat_daerah", "uploads_dir", "dry_run"]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "perangkat_daerah":
            # Choosing the PD here, not editing PDs: no add/change/delete/view icons.
            widget = field.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return field

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        active = (WordPressImport.State.QUEUED, WordPressImport.State.RUNNING)
        context["refresh_seconds"] = (
            REFRESH_SECONDS if obj is not None and obj.state in active else None
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_deleted_objects(self, objs, request):
        """Deleting a run removes its record and report only: say so, instead of listing
        every report row (the imported content and old addresses stay)."""
        from django.db.models import Count

        objs = list(objs)
        rows = sum(
            o["n"]
            for o in WordPressImport.objects.filter(pk__in=[o.pk for o in objs])
            .annotate(n=Count("results"))
            .values("n")
        )
        summary = [
            format_html(
                "{} {}",
                ngettext(
                    "The record of %(count)s import and its report (%(rows)s lines).",
                    "The records of %(count)s imports and their reports (%(rows)s lines).",
                    len(objs),
                )
                % {"count": len(objs), "rows": rows},
                gettext(
                    "The imported articles, categories, tags, pictures and files stay, and "
                    "the old WordPress addresses keep answering."
                ),
            )
        ]
        counts = {WordPressImport._meta.verbose_name_plural: len(objs)}
        return summary, counts, set(), []

    def save_model(self, request, obj, form, change):
        from .tasks import run_import

        obj.started_by = request.user
        upload = form.cleaned_data.get("export_file")
        obj.original_name = Path(getattr(upload, "name", "") or "").name[:255]
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: run_import.enqueue(obj.pk))
        messages.info(request, gettext("The import was queued; the worker starts it shortly."))

    @admin.display(description=_("old site"))
    def old_site(self, obj):
        return obj.source_name() or "—"

    @admin.action(description=_("Mark stuck imports as failed"))
    def mark_failed(self, request, queryset):
        """For a run whose worker died: it no longer shows as queued or running. A
        still-queued task then finds it no longer queued and does nothing."""
        active = (WordPressImport.State.QUEUED, WordPressImport.State.RUNNING)
        count = queryset.filter(state__in=active).update(
            state=WordPressImport.State.FAILED,
            message=gettext("Marked as failed by %(user)s.")
            % {"user": request.user.get_username()},
            finished_at=timezone.now(),
        )
        messages.info(request, gettext("%(count)s import(s) marked as failed.") % {"count": count})

    @admin.display(description=_("Progress"))
    def progress(self, obj):
        # Items done are the report's rows: the bar and the results always agree.
        total = obj.total or 0
        done = obj.results.count() if obj.state != WordPressImport.State.DONE else obj.processed
        return format_html(
            '<progress max="{}" value="{}"></progress> {} / {}',
            max(total, done, 1),
            done,
            done,
            max(total, done) or "?",
        )

    @admin.display(description=_("Results"))
    def summary(self, obj):
        from django.db.models import Count

        rows = obj.results.values("outcome").annotate(n=Count("pk")).order_by("outcome")
        text = ", ".join(f"{obj.outcome_label(r['outcome'])}: {r['n']}" for r in rows) or "—"
        if obj.dry_run:
            return gettext("Dry run: nothing was saved.") + " " + text
        return text

    @admin.display(description=_("report"))
    def report(self, obj):
        url = reverse("admin:articles_wordpressimport_report", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Download the report (CSV)"))

    @admin.display(description=_("Items not imported or with a note"))
    def problems(self, obj):
        rows = obj.results.exclude(outcome="imported").exclude(message="")[:100]
        return (
            format_html_join(
                "",
                "<div>{} {} #{} “{}”: {}</div>",
                (
                    (obj.outcome_label(r.outcome), r.kind_label(), r.wp_id, r.title, r.message)
                    for r in rows
                ),
            )
            or "—"
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/report.csv",
                self.admin_site.admin_view(self.report_view),
                name="articles_wordpressimport_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request, pk):
        if not self.has_view_permission(request):
            from django.http import Http404

            raise Http404
        run = get_object_or_404(WordPressImport, pk=pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="impor-wordpress-{run.pk}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        write_csv(run, response)
        return response
