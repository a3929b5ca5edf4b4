"""The editorial dashboard on the admin home page."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q

from perangkat_daerah.roles import is_editor
from publishing.models import Notification, Revision

from ..models import Article

register = template.Library()
S = Article.Status


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def editorial_dashboard(context):
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return {"show": False}
    visible = Article.objects.visible_to(user).select_related("perangkat_daerah")
    # Oldest submission first: the queue is worked in the order it came in.
    in_review = list(
        visible.filter(status=S.REVIEW)
        .annotate(
            submitted_at=Max("transitions__created_at", filter=Q(transitions__action="submit"))
        )
        .order_by("submitted_at", "pk")
    )
    scheduled = list(visible.scheduled().order_by("published_at"))
    article_type = ContentType.objects.get_for_model(Article)
    proposals = Revision.objects.filter(
        content_type=article_type, object_id__in=visible.values("pk")
    ).select_related("created_by")
    pending = list(proposals.filter(state=Revision.State.PENDING).order_by("created_at"))
    titles = dict(
        Article.objects.filter(pk__in={rev.object_id for rev in pending}).values_list("pk", "title")
    )
    for rev in pending:
        rev.title = titles.get(rev.object_id, "")
    data = {
        "show": True,
        "editor": is_editor(user),
        "in_review": in_review,
        "scheduled": scheduled,
        "pending": pending,
        "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
    if not data["editor"]:
        drafts = list(visible.filter(status=S.DRAFT, created_by=user).order_by("-updated_at")[:50])
        needs_fixing, own_drafts = [], []
        for article in drafts:
            last = article.transitions.first()
            if last is not None and last.action == "request_changes":
                needs_fixing.append((article, last))
            else:
                own_drafts.append(article)
        sent_back = list(
            proposals.filter(state=Revision.State.REJECTED, created_by=user).order_by(
                "-created_at"
            )[:20]
        )
        # Done with once the writer saved or restored anything on that item since.
        newest = dict(
            proposals.filter(object_id__in={r.object_id for r in sent_back})
            .values("object_id")
            .annotate(last=Max("created_at"))
            .values_list("object_id", "last")
        )
        sent_back = [r for r in sent_back if newest.get(r.object_id) == r.created_at]
        titles = dict(
            Article.objects.filter(pk__in={r.object_id for r in sent_back}).values_list(
                "pk", "title"
            )
        )
        for rev in sent_back:
            rev.title = titles.get(rev.object_id, "")
        data.update(drafts=own_drafts, needs_fixing=needs_fixing, sent_back=sent_back)
    return data
