"""The editorial dashboard on the admin home page, for every registered type.

One query per registered type reads everything the dashboard lists of that type
(review queue, scheduled, the writer's own drafts with their last log entry); the
revisions (pending proposals, sent-back proposals) are read in one query for all types.
"""

from dataclasses import dataclass

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from perangkat_daerah.roles import is_editor

from ..models import Notification, Revision, Status, Transition
from ..registry import config_for, registered_models

register = template.Library()
DRAFT_LIMIT = 50
SENT_BACK_LIMIT = 20


@dataclass
class Entry:
    title: str
    type_name: str
    url: str
    agency: object = None
    moment: object = None
    who: object = None
    comment: str = ""


def _admin_url(config, pk, view="change"):
    try:
        return reverse(f"{config.admin_prefix}_{view}", args=[pk])
    except NoReverseMatch:
        return ""


def _last_log(ct, field):
    return Subquery(
        Transition.objects.filter(content_type=ct, object_id=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def _rows_for(config, user, editor):
    """One query: this type's items in review, scheduled, and (for a writer) own drafts."""
    model = config.model
    ct = ContentType.objects.get_for_model(model)
    wanted = Q(status=Status.REVIEW) | Q(status=Status.PUBLISHED, published_at__gt=timezone.now())
    if not editor:
        wanted |= Q(status=Status.DRAFT, created_by=user)
    submitted = Subquery(
        Transition.objects.filter(content_type=ct, object_id=OuterRef("pk"), action="submit")
        .order_by()
        .values("object_id")
        .annotate(last=Max("created_at"))
        .values("last")[:1]
    )
    return (
        model._default_manager.visible_to(user)
        .filter(wanted)
        .select_related("perangkat_daerah")
        .annotate(
            submitted_at=submitted,
            last_action=_last_log(ct, "action"),
            last_comment=_last_log(ct, "comment"),
            last_actor_first=_last_log(ct, "actor__first_name"),
            last_actor_last=_last_log(ct, "actor__last_name"),
            last_actor_username=_last_log(ct, "actor__username"),
        )
    )


def _actor(row):
    full = f"{row.last_actor_first or ''} {row.last_actor_last or ''}".strip()
    return full or row.last_actor_username or ""


@register.inclusion_tag("admin/publishing/dashboard.html", takes_context=True)
def editorial_dashboard(context):
    user = context["request"].user
    if not user.is_authenticated:
        return {"show": False}
    editor = is_editor(user)
    in_review, scheduled, drafts, needs_fixing = [], [], [], []
    visible_revisions = Q()
    configs = {}
    now = timezone.now()
    for config in map(config_for, registered_models()):
        ct = ContentType.objects.get_for_model(config.model)
        configs[ct.pk] = config
        visible_revisions |= Q(
            content_type=ct,
            object_id__in=config.model._default_manager.visible_to(user).values("pk"),
        )
        type_name = config.model._meta.verbose_name
        for row in _rows_for(config, user, editor):
            entry = Entry(
                title=str(row.title),
                type_name=type_name,
                url=_admin_url(config, row.pk),
                agency=row.perangkat_daerah,
            )
            if row.status == Status.REVIEW:
                entry.moment = row.submitted_at
                in_review.append(entry)
            elif row.status == Status.PUBLISHED and row.published_at > now:
                entry.moment = row.published_at
                scheduled.append(entry)
            elif row.last_action == "request_changes":
                entry.moment, entry.who, entry.comment = (
                    row.updated_at,
                    _actor(row),
                    row.last_comment,
                )
                needs_fixing.append(entry)
            else:
                entry.moment = row.updated_at
                drafts.append(entry)
    # Oldest submission first: the queue is worked in the order it came in.
    in_review.sort(key=lambda e: (e.moment is None, e.moment or now))
    scheduled.sort(key=lambda e: e.moment)
    drafts.sort(key=lambda e: e.moment, reverse=True)
    needs_fixing.sort(key=lambda e: e.moment, reverse=True)

    revisions = (
        list(
            Revision.objects.filter(visible_revisions)
            .filter(
                Q(state=Revision.State.PENDING) | Q(state=Revision.State.REJECTED, created_by=user)
                if not editor
                else Q(state=Revision.State.PENDING)
            )
            .select_related("created_by")
            .order_by("created_at", "pk")
        )
        if configs
        else []
    )

    def entry_for(rev, view):
        config = configs[rev.content_type_id]
        return Entry(
            title=str(rev.content.get("title", "")),
            type_name=config.model._meta.verbose_name,
            url=_admin_url(config, rev.object_id, view),
            moment=rev.created_at,
            who=rev.created_by,
            comment=rev.note,
        )

    pending = [entry_for(r, "change") for r in revisions if r.state == Revision.State.PENDING]
    data = {
        "show": True,
        "editor": editor,
        "in_review": in_review,
        "scheduled": scheduled,
        "pending": pending,
        "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
    if not editor:
        rejected = [r for r in revisions if r.state == Revision.State.REJECTED]
        rejected.sort(key=lambda r: (r.created_at, r.pk), reverse=True)
        rejected = rejected[:SENT_BACK_LIMIT]
        # Done with once the writer saved or restored anything on that item since.
        newest = {}
        if rejected:
            keys = Q()
            for r in rejected:
                keys |= Q(content_type_id=r.content_type_id, object_id=r.object_id)
            newest = {
                (ct, oid): last
                for ct, oid, last in Revision.objects.filter(keys)
                .values("content_type_id", "object_id")
                .annotate(last=Max("created_at"))
                .values_list("content_type_id", "object_id", "last")
            }
        sent_back = [
            entry_for(r, "history")
            for r in rejected
            if newest.get((r.content_type_id, r.object_id)) == r.created_at
        ]
        data.update(drafts=drafts[:DRAFT_LIMIT], needs_fixing=needs_fixing, sent_back=sent_back)
    return data
