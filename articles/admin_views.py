"""Admin pages of the editorial workflow: status actions, history, compare, preview,
share links and notices. Every page scopes through ArticleAdmin.get_queryset (a
Penulis gets 404 for another PD's article) and every change goes through
articles.workflow, which checks the permission again."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kominfo.templatetags.indonesian import zone_label
from perangkat_daerah.roles import is_editor

from . import revisions, sharelinks, workflow
from .forms import NotificationPreferenceForm, ShareLinkForm, TransitionForm
from .models import Notification, NotificationPreference, Revision, ShareLink

ACTION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "withdraw": gettext_lazy("Withdraw from review"),
    "request_changes": gettext_lazy("Request changes"),
    "publish": gettext_lazy("Publish now"),
    "schedule": gettext_lazy("Schedule"),
    "unpublish": gettext_lazy("Unpublish"),
    "restore": gettext_lazy("Restore to draft"),
}


def preview_response(request, article, template="articles/preview.html", extra=None):
    context = {"article": article, "is_preview": True, "noindex": True, **(extra or {})}
    response = TemplateResponse(request, template, context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-cache, max-age=0"
    return response


class WorkflowAdminMixin:
    """Mixed into ArticleAdmin."""

    def workflow_urls(self):
        view = self.admin_site.admin_view
        name = "articles_article_"
        return [
            path("notices/", view(self.notices_view), name=name + "notices"),
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
            path("<path:object_id>/share/", view(self.share_view), name=name + "share"),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                view(self.revoke_share_view),
                name=name + "revoke_share",
            ),
        ]

    # --- helpers ---

    def get_article(self, request, object_id):
        """The article if the user may see it; 404 otherwise (never 403 for scoping)."""
        object_id = unquote(object_id)
        if not str(object_id).isdigit():
            raise Http404
        return get_object_or_404(self.get_queryset(request), pk=int(object_id))

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def workflow_context(self, request, article):
        user = request.user
        actions = workflow.allowed_actions(user, article)
        pending = workflow.pending_revision(article)
        links = []
        if is_editor(user):
            for link in article.share_links.all()[:10]:
                links.append((link, sharelinks.url_for(link) if link.is_active else None))
        last_request = (
            article.transitions.filter(action="request_changes").first()
            if article.status == article.Status.DRAFT
            else None
        )
        return {
            "article": article,
            "wf_actions": [(name, ACTION_LABELS[name]) for name in actions],
            "pending_revision": pending,
            "can_approve": bool(pending) and is_editor(user),
            "can_share": is_editor(user),
            "share_links": links,
            "share_form": ShareLinkForm(),
            "missing": workflow.missing_for_review(article),
            "zone": zone_label(),
            "now_local": timezone.localtime(),
            "last_request": last_request,
            "transitions": article.transitions.select_related("actor")[:5],
        }

    # --- views ---

    def workflow_view(self, request, object_id):
        article = self.get_article(request, object_id)
        form = TransitionForm(request.POST or None)
        errors = []
        if request.method == "POST":
            if form.is_valid():
                action = form.cleaned_data["action"]
                try:
                    workflow.run(
                        action,
                        request.user,
                        article,
                        comment=form.cleaned_data["comment"] or "",
                        when=form.cleaned_data["when"],
                    )
                except ValidationError as error:
                    errors = error.messages
                else:
                    messages.success(
                        request,
                        _("Done: %(action)s.") % {"action": ACTION_LABELS[action]},
                    )
                    if not self.get_queryset(request).filter(pk=article.pk).exists():
                        return redirect("admin:articles_article_changelist")
                    return redirect(self.change_url(article))
            else:
                errors = [e for errs in form.errors.values() for e in errs]
        context = {
            **self.admin_site.each_context(request),
            **self.workflow_context(request, article),
            "opts": self.opts,
            "title": _("Status of “%(title)s”") % {"title": article.title},
            "errors": errors,
            "form": form,
        }
        status = 400 if errors else 200
        return TemplateResponse(
            request, "admin/articles/article/workflow.html", context, status=status
        )

    def preview_view(self, request, object_id):
        article = self.get_article(request, object_id)
        revision_id = request.GET.get("revision")
        if revision_id:
            if not revision_id.isdigit():
                raise Http404
            rev = get_object_or_404(article.revisions, pk=int(revision_id))
            article = revisions.preview_copy(article, rev.content)
        return preview_response(request, article)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_article(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        revs = list(article.revisions.select_related("created_by"))
        rows = []
        for index, rev in enumerate(revs):
            older = revs[index + 1] if index + 1 < len(revs) else None
            rows.append(
                (rev, revisions.changed_fields(older.content, rev.content) if older else [])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "object": article,
            "title": _("History of “%(title)s”") % {"title": article.title},
            "revision_rows": rows,
            "transitions": article.transitions.select_related("actor"),
            "can_restore": workflow.can_edit(request.user, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/article/revision_history.html", context)

    def compare_view(self, request, object_id):
        article = self.get_article(request, object_id)
        ids = [request.GET.get("a", ""), request.GET.get("b", "")]
        if not all(i.isdigit() for i in ids):
            raise Http404
        found = {r.pk: r for r in article.revisions.filter(pk__in=[int(i) for i in ids])}
        if len(found) != len(set(ids)):
            raise Http404
        older, newer = sorted((found[int(i)] for i in ids), key=lambda r: (r.created_at, r.pk))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "object": article,
            "title": _("Compare revisions of “%(title)s”") % {"title": article.title},
            "older": older,
            "newer": newer,
            "rows": revisions.compare(older.content, newer.content),
        }
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def _post_only(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return None

    def restore_revision_view(self, request, object_id, revision_id):
        article = self.get_article(request, object_id)
        rev = get_object_or_404(Revision, pk=revision_id, article=article)
        if response := self._post_only(request):
            return response
        try:
            new = workflow.restore_revision(request.user, article, rev)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if new.state == Revision.State.PENDING:
                messages.success(request, _("Restored as a change waiting for approval."))
            else:
                messages.success(request, _("The revision was restored."))
        return redirect(self.change_url(article))

    def approve_revision_view(self, request, object_id, revision_id):
        article = self.get_article(request, object_id)
        rev = get_object_or_404(Revision, pk=revision_id, article=article)
        if response := self._post_only(request):
            return response
        try:
            workflow.approve_revision(request.user, article, rev, request.POST.get("comment", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The change is approved and live."))
        return redirect(self.change_url(article))

    def share_view(self, request, object_id):
        article = self.get_article(request, object_id)
        if response := self._post_only(request):
            return response
        workflow.require_share(request.user, article)
        form = ShareLinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the number of days (1–60)."))
            return redirect(reverse("admin:articles_article_workflow", args=[article.pk]))
        link = sharelinks.create(request.user, article, days=form.cleaned_data["days"])
        messages.success(
            request,
            _("Share link created, valid until %(time)s: %(url)s")
            % {
                "time": timezone.localtime(link.expires_at).strftime("%d-%m-%Y %H:%M ")
                + zone_label(),
                "url": request.build_absolute_uri(sharelinks.url_for(link)),
            },
        )
        return redirect(reverse("admin:articles_article_workflow", args=[article.pk]))

    def revoke_share_view(self, request, object_id, link_id):
        article = self.get_article(request, object_id)
        link = get_object_or_404(ShareLink, pk=link_id, article=article)
        if response := self._post_only(request):
            return response
        sharelinks.revoke(request.user, link)
        messages.success(request, _("The share link no longer works."))
        return redirect(reverse("admin:articles_article_workflow", args=[article.pk]))

    def notices_view(self, request):
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
            return redirect("admin:articles_article_notices")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Notifications"),
            "notices": Notification.objects.filter(user=request.user).select_related("article")[
                :100
            ],
            "pref_form": NotificationPreferenceForm(instance=pref),
        }
        return TemplateResponse(request, "admin/articles/notices.html", context)
