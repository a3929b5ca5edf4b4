"""The admin side of the publishing core, mixed into the ModelAdmin of every content
type: the change form edits a *proposal* on published content, and the status panel,
history, compare, preview and share-link pages. Every page scopes through the
ModelAdmin's queryset (a Penulis gets 404 for another PD's item) and every change
goes through publishing.workflow, which checks the permission again."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perangkat_daerah.roles import is_editor

from . import revisions, sharelinks, workflow
from .admin_autosave import DraftAutosaveMixin
from .forms import ChildRowsFormSet, bound_datetimes
from .models import Notification, NotificationPreference, Revision
from .steps import STEPS, for_type
from .templatetags.indonesian import zone_label

PUBLISH_PROPOSAL = "_publish_proposal"
# A status step posted together with the change form (its fields as CARRIED_STEP_<name>).
CARRIED_STEP = "_workflow_step"
STEP_FIELDS = ("comment", "when", "expires")


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, step.label) for name, step in STEPS.items()])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    when = forms.DateTimeField(
        label=gettext_lazy("Publication time"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # Optional on publish/schedule: the item leaves every public page at this minute.
    expires = forms.DateTimeField(
        label=gettext_lazy("Expiry time"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_datetimes(self)


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=60, initial=7
    )


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email_enabled"]


def preview_response(request, obj, template, extra=None):
    context = {"article": obj, "object": obj, "is_preview": True, "noindex": True, **(extra or {})}
    response = TemplateResponse(request, template, context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-cache, max-age=0"
    return response


class PublishingAdminMixin(DraftAutosaveMixin):
    """Mix into the ModelAdmin of a registered content type (before admin.ModelAdmin)."""

    preview_template = None  # the public template used for previews
    change_form_template = "admin/publishing/change_form.html"

    # --- urls -------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}_"
        return [
            path("<path:object_id>/workflow/", view(self.workflow_view), name=name + "workflow"),
            path("<path:object_id>/preview/", view(self.preview_view), name=name + "preview"),
            path("<path:object_id>/compare/", view(self.compare_view), name=name + "compare"),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.restore_revision_view),
                name=name + "restore_revision",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/approve/",
                view(self.approve_revision_view),
                name=name + "approve_revision",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/reject/",
                view(self.reject_revision_view),
                name=name + "reject_revision",
            ),
            path("<path:object_id>/share/", view(self.share_view), name=name + "share"),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                view(self.revoke_share_view),
                name=name + "revoke_share",
            ),
        ] + super().get_urls()

    def _url(self, suffix, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{suffix}", args=args)

    # --- permissions and scoping -----------------------------------------------------

    def get_object_for(self, request, object_id):
        """The item if the user may see it; 404 otherwise (never 403 for scoping)."""
        object_id = unquote(object_id)
        if not str(object_id).isdigit():
            raise Http404
        return get_object_or_404(self.get_queryset(request), pk=int(object_id))

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield type(formset.__name__, (ChildRowsFormSet, formset), {}), inline

    def get_actions(self, request):
        # Bulk delete would bypass the delete rules: every deletion goes one by one
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

    def delete_model(self, request, obj):
        workflow.delete(request.user, obj)

    def view_on_site(self, obj):
        # Only live content has a public page; the rest is seen through Preview.
        return obj.get_absolute_url() if obj.is_live else None

    # --- the change form: proposals on published content ------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if "_saveasnew" in request.POST:
            # "Save as new" is not offered (a copy would skip the workflow's history);
            # a crafted one is treated as a plain save.
            request.POST = request.POST.copy()
            del request.POST["_saveasnew"]
        if object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = self.get_object_for(request, object_id)
        extra_context = {**(extra_context or {}), **self.workflow_context(request, obj)}
        if not workflow.edits_go_to_proposal(obj):
            response = super().changeform_view(request, object_id, form_url, extra_context)
        else:
            response = self._proposal_changeform(request, obj, object_id, form_url, extra_context)
        saved = request.method == "POST" and response.status_code == 302
        if saved and request.POST.get(CARRIED_STEP):
            return self._step_after_save(request, object_id)
        return response

    def _proposal_changeform(self, request, obj, object_id, form_url, extra_context):
        """Published content is edited as a proposal: the pending proposal (if any) is
        written into the database inside a savepoint, Django's own change form runs on
        it (every inline, tag and relation as the proposal has them), the result is
        snapshotted and the savepoint rolled back. The live rows never change here."""
        pending = workflow.pending_revision(obj)
        request._publishing_snapshot = None
        extra_context["goes_pending"] = True
        with transaction.atomic():
            content = pending.content if pending else None
            if content is not None:
                content, problems = revisions.usable_version(obj, content)
                if problems:
                    messages.warning(
                        request,
                        _("Part of the waiting change can no longer be used (%(problems)s); "
                          "the form shows the rest of it. Check it and save.")
                        % {"problems": "; ".join(str(p) for p in problems)},
                    )  # fmt: skip
            with revisions.materialized(obj, content):
                response = super().changeform_view(request, object_id, form_url, extra_context)
                if hasattr(response, "render"):
                    response.render()
            snapshot = request._publishing_snapshot
            if snapshot is None:
                return response
            obj.refresh_from_db()
            proposal = workflow.save_proposal(request.user, obj, snapshot)
            if PUBLISH_PROPOSAL in request.POST and is_editor(request.user):
                try:
                    workflow.approve_revision(request.user, obj, proposal)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, self._approved_message(obj))
                    return response
            saved = _("Proposed change saved; not live until it is approved.")
            if is_editor(request.user):
                note = _("Approve it, or use “Save and publish the change”, to make it live.")
            else:
                note = _("Readers still see the current version until a Redaktur approves it.")
            messages.success(request, f"{saved} {note}")
        return response

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "_publishing_snapshot", None):
            return  # Django's "… berhasil diubah" for a proposal: _proposal_changeform says it
        super().message_user(request, message, level, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            return
        locked = form.locked_object
        # Workflow fields belong to the workflow: take them from the locked row.
        for name in (
            "status",
            "published_at",
            "expires_at",
            "first_published_at",
            "approved_by_id",
            "live_revision_id",
        ):
            setattr(obj, name, getattr(locked, name))
        obj.version = locked.version + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if change and workflow.edits_go_to_proposal(obj):
            # Inside the savepoint of _proposal_changeform: keep the snapshot only.
            request._publishing_snapshot = revisions.snapshot(obj)
            return
        workflow.record_revision(request.user, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if getattr(form, "stale_error", None) is not None:
            context["stale_error"] = form.stale_error
        context["can_publish_proposal"] = (
            obj is not None and workflow.edits_go_to_proposal(obj) and is_editor(request.user)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- status panel -------------------------------------------------------------

    def workflow_context(self, request, obj):
        user = request.user
        pending = workflow.pending_revision(obj)
        links = []
        if is_editor(user):
            for link in sharelinks.links_for(obj)[:10]:
                links.append((link, sharelinks.url_for(link) if link.is_active else None))
        last_request = (
            obj.transitions.filter(action="request_changes").first()
            if obj.status == obj.Status.DRAFT
            else None
        )
        last_rejection = (
            obj.revisions.filter(state=Revision.State.REJECTED).first() if not pending else None
        )
        return {
            "article": obj,
            "item": obj,
            "wf_steps": for_type(workflow.allowed_steps(user, obj), type(obj)),
            "pending_revision": pending,
            "can_approve": bool(pending) and is_editor(user),
            "can_share": is_editor(user),
            "share_links": links,
            "share_form": ShareLinkForm(),
            "missing": workflow.missing_for_review(obj),
            "last_request": last_request,
            "last_rejection": last_rejection,
            "transitions": obj.transitions.select_related("actor")[:5],
            "zone": zone_label(),
        }

    def _page(self, request, obj, template, title, **context):
        base = {"opts": self.opts, "original": obj, "object": obj, "item": obj, "title": title}
        return TemplateResponse(
            request, template, {**self.admin_site.each_context(request), **base, **context}
        )

    def workflow_view(self, request, object_id):
        obj = self.get_object_for(request, object_id)
        if request.method != "POST":
            return self._status_page(request, obj, TransitionForm(), [])
        form = TransitionForm(request.POST)
        errors = self._perform_step(request, obj, form)
        if not errors:
            return self._after_step(request, obj)
        return self._status_page(request, obj, form, errors)

    def _perform_step(self, request, obj, form):
        """Runs the step of a bound TransitionForm; its errors, or [] when done."""
        if not form.is_valid():
            return [e for errs in form.errors.values() for e in errs]
        name = form.cleaned_data["action"]
        try:
            workflow.perform(
                name,
                request.user,
                obj,
                form.cleaned_data["comment"] or "",
                when=form.cleaned_data["when"],
                expires=form.cleaned_data["expires"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            return error.messages
        messages.success(
            request, _("Done: %(action)s.") % {"action": STEPS[name].label_for(type(obj))}
        )
        return []

    def _after_step(self, request, obj):
        if not self.get_queryset(request).filter(pk=obj.pk).exists():
            return redirect(self._url("changelist"))
        return redirect(self._url("change", obj.pk))

    def _status_page(self, request, obj, form, errors):
        # A refused step keeps what the user typed, with the error beside it.
        typed = {}
        if errors and form.data.get("action") in STEPS:
            typed = {key: form.data.get(key, "") for key in ("when", "expires", "comment")}
            typed.update(step=form.data["action"], errors=errors)
            errors = []
        response = self._page(
            request,
            obj,
            "admin/publishing/workflow.html",
            _("Status of “%(title)s”") % {"title": obj},
            errors=errors,
            typed=typed,
            form=form,
            **self.workflow_context(request, obj),
        )
        response.status_code = 400 if errors or typed else 200
        return response

    def _step_after_save(self, request, object_id):
        """A status-panel step pressed with unsaved edits (static/js/draft_autosave.js
        posts the change form with the step's fields): the edits were just saved
        through the normal path (a proposal on published content); now the step runs
        on what was saved. A refused step shows the status page with the error."""
        obj = self.get_object_for(request, object_id)
        post = request.POST
        form = TransitionForm(
            {
                "action": post.get(CARRIED_STEP, ""),
                "version": obj.version,
                **{key: post.get(f"{CARRIED_STEP}_{key}", "") for key in STEP_FIELDS},
            }
        )
        errors = self._perform_step(request, obj, form)
        if not errors:
            return self._after_step(request, obj)
        messages.warning(request, _("Your changes were saved, but the status was not changed."))
        return self._status_page(request, obj, form, errors)

    def preview_view(self, request, object_id):
        obj = self.get_object_for(request, object_id)
        revision_id = request.GET.get("revision")
        if not revision_id:
            return preview_response(request, obj, self.preview_template)
        if not revision_id.isdigit():
            raise Http404
        rev = get_object_or_404(obj.revisions, pk=int(revision_id))
        try:
            with revisions.materialized(obj, rev.content):
                # Load it again so every relation comes from the proposal.
                shown = self.get_queryset(request).get(pk=obj.pk)
                response = preview_response(request, shown, self.preview_template)
                response.render()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self._url("history", obj.pk))
        return response

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object_for(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        revs = list(obj.revisions.select_related("created_by"))
        # What the item holds now cannot be "restored"; everything else can (a proposal
        # that was sent back included).
        current = obj.live_revision_id if workflow.edits_go_to_proposal(obj) else None
        if current is None:
            current = next((r.pk for r in revs if r.state == Revision.State.SAVED), None)
        pending = {r.pk for r in revs if r.state == Revision.State.PENDING}
        rows = []
        for index, rev in enumerate(revs):
            older = revs[index + 1] if index + 1 < len(revs) else None
            changed = revisions.changed_labels(obj, older.content, rev.content) if older else []
            rows.append((rev, changed))
        return self._page(
            request,
            obj,
            "admin/publishing/revision_history.html",
            _("History of “%(title)s”") % {"title": obj},
            revision_rows=rows,
            not_restorable={current, *pending},
            transitions=obj.transitions.select_related("actor"),
            can_restore=workflow.can_edit(request.user, obj),
            **(extra_context or {}),
        )

    def compare_view(self, request, object_id):
        obj = self.get_object_for(request, object_id)
        ids = [request.GET.get("a", ""), request.GET.get("b", "")]
        if not all(i.isdigit() and len(i) < 18 for i in ids):
            raise Http404
        found = {r.pk: r for r in obj.revisions.filter(pk__in=[int(i) for i in ids])}
        if len(found) != len(set(ids)):
            raise Http404
        older, newer = sorted((found[int(i)] for i in ids), key=lambda r: (r.created_at, r.pk))
        return self._page(
            request,
            obj,
            "admin/publishing/revision_compare.html",
            _("Compare revisions of “%(title)s”") % {"title": obj},
            older=older,
            newer=newer,
            rows=revisions.compare(obj, older.content, newer.content),
        )

    def _post_only(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return None

    def _revision_action(self, request, object_id, revision_id, action, done):
        obj = self.get_object_for(request, object_id)
        rev = get_object_or_404(obj.revisions, pk=revision_id)
        if response := self._post_only(request):
            return response
        try:
            result = action(obj, rev)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done(result))
        return redirect(self._url("change", obj.pk))

    def restore_revision_view(self, request, object_id, revision_id):
        return self._revision_action(
            request,
            object_id,
            revision_id,
            lambda obj, rev: workflow.restore_revision(request.user, obj, rev),
            lambda new: (
                _("Restored as a change waiting for approval.")
                if new.state == Revision.State.PENDING
                else _("The revision was restored.")
            ),
        )

    def approve_revision_view(self, request, object_id, revision_id):
        version = request.POST.get("version", "")
        return self._revision_action(
            request,
            object_id,
            revision_id,
            lambda obj, rev: workflow.approve_revision(
                request.user,
                obj,
                rev,
                request.POST.get("comment", ""),
                expected_version=int(version) if version.isdigit() else None,
            ),
            lambda entry: self._approved_message(entry.content_object),
        )

    @staticmethod
    def _approved_message(obj):
        if obj.is_scheduled:
            return _(
                "The change is approved; it goes live with the %(type)s at its scheduled time."
            ) % {"type": obj._meta.verbose_name}
        return _("The change is approved and live.")

    def reject_revision_view(self, request, object_id, revision_id):
        return self._revision_action(
            request,
            object_id,
            revision_id,
            lambda obj, rev: workflow.reject_revision(
                request.user, obj, rev, request.POST.get("comment", "")
            ),
            lambda _entry: _("The change was sent back to its writer."),
        )

    def share_view(self, request, object_id):
        obj = self.get_object_for(request, object_id)
        if response := self._post_only(request):
            return response
        workflow.require_share(request.user, obj)
        form = ShareLinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the number of days (1–60)."))
            return redirect(self._url("workflow", obj.pk))
        try:
            link = sharelinks.create(request.user, obj, days=form.cleaned_data["days"])
        except ValidationError as error:
            response = self._page(
                request,
                obj,
                "admin/publishing/workflow.html",
                _("Status of “%(title)s”") % {"title": obj},
                errors=error.messages,
                form=TransitionForm(),
                **self.workflow_context(request, obj),
            )
            response.status_code = 400
            return response
        from .templatetags.indonesian import tanggal

        messages.success(
            request,
            _("Share link created, valid until %(time)s: %(url)s")
            % {
                "time": tanggal(link.expires_at),
                "url": request.build_absolute_uri(sharelinks.url_for(link)),
            },
        )
        return redirect(self._url("workflow", obj.pk))

    def revoke_share_view(self, request, object_id, link_id):
        obj = self.get_object_for(request, object_id)
        link = get_object_or_404(sharelinks.links_for(obj), pk=link_id)
        if response := self._post_only(request):
            return response
        sharelinks.revoke(request.user, link)
        messages.success(request, _("The share link no longer works."))
        return redirect(self._url("workflow", obj.pk))


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Each user's own notices and e-mail setting, on one page."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.user_id == request.user.pk
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Notices go with the item they are about (deleting it deletes them); there is
        # no delete page or action for them (see get_urls).
        return obj is not None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def get_urls(self):
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="publishing_notification_changelist",
            )
        ]

    def changelist_view(self, request, extra_context=None):
        pref, _created = NotificationPreference.objects.get_or_create(user=request.user)
        if request.method == "POST":
            if "mark_read" in request.POST:
                Notification.objects.filter(user=request.user, read_at__isnull=True).update(
                    read_at=timezone.now()
                )
            else:
                form = NotificationPreferenceForm(request.POST, instance=pref)
                if form.is_valid():
                    form.save()
                    messages.success(request, _("Your notification setting was saved."))
            return redirect("admin:publishing_notification_changelist")
        notices = list(
            Notification.objects.filter(user=request.user).select_related("content_type")[:100]
        )
        for notice in notices:
            notice.link = None
            if notice.content_type_id and notice.object_id:
                model = notice.content_type.model_class()
                if model is not None:
                    opts = model._meta
                    try:
                        notice.link = reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change",
                            args=[notice.object_id],
                        )
                    except Exception:
                        notice.link = None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Notifications"),
            "notices": notices,
            "pref_form": NotificationPreferenceForm(instance=pref),
        }
        return TemplateResponse(request, "admin/publishing/notices.html", context)
