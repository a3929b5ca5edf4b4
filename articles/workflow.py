"""The only code that changes an article's status (DESIGN.md, "Editorial workflow").

Each transition takes the acting user, the article and a comment; checks the
permission; changes state inside a transaction with the row locked; writes the
transition log. Callers (admin, seed, tests) never assign ``status`` themselves.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perangkat_daerah.roles import is_editor, user_pd_ids

from .models import Article, Transition

S = Article.Status


def belongs_to_pd(user, article):
    return article.perangkat_daerah_id in user_pd_ids(user)


def can_view(user, article):
    return is_editor(user) or belongs_to_pd(user, article)


def missing_for_review(article):
    """What must be filled in before an article can go to review (empty list = complete)."""
    missing = []
    if not article.title.strip():
        missing.append(_("title"))
    if not article.lead.strip():
        missing.append(_("lead"))
    if not article.body.strip():
        missing.append(_("body"))
    if not article.category_id:
        missing.append(_("category"))
    if not article.perangkat_daerah_id:
        missing.append(_("regional agency"))
    if not article.featured_image_id:
        missing.append(_("featured image"))
    elif not article.featured_image.has_alt_text:
        missing.append(_("alt text of the featured image"))
    return missing


def _locked(article):
    return Article.objects.select_for_update().select_related("featured_image").get(pk=article.pk)


def _log(article, user, action, from_status, comment=""):
    return Transition.objects.create(
        article=article,
        actor=user if user and user.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=article.status,
        comment=comment,
    )


def _require(condition, message=None):
    if not condition:
        raise PermissionDenied(message or _("You may not do this."))


def _require_state(article, *states):
    if article.status not in states:
        raise ValidationError(
            _("This action is not possible while the article is “%(status)s”.")
            % {"status": article.get_status_display()}
        )


def _set_status(article, status, **fields):
    article.status = status
    for name, value in fields.items():
        setattr(article, name, value)
    article.version += 1
    article.save(update_fields=["status", "version", "updated_at", *fields])


def _sync(target, source):
    for name in ("status", "version", "published_at", "first_published_at", "approved_by_id"):
        setattr(target, name, getattr(source, name))


def submit(user, article, comment=""):
    """draft → review."""
    _require(is_editor(user) or belongs_to_pd(user, article))
    with transaction.atomic():
        locked = _locked(article)
        _require_state(locked, S.DRAFT)
        missing = missing_for_review(locked)
        if missing:
            raise ValidationError(
                _("Not complete yet. Still missing: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        _set_status(locked, S.REVIEW)
        log = _log(locked, user, "submit", S.DRAFT, comment)
    _sync(article, locked)
    return log


def withdraw(user, article, comment=""):
    """review → draft, by the submitting writer or an editor."""
    with transaction.atomic():
        locked = _locked(article)
        _require_state(locked, S.REVIEW)
        submitter = (
            locked.transitions.filter(action="submit").values_list("actor_id", flat=True).first()
        )
        _require(is_editor(user) or (belongs_to_pd(user, locked) and submitter == user.pk))
        _set_status(locked, S.DRAFT)
        log = _log(locked, user, "withdraw", S.REVIEW, comment)
    _sync(article, locked)
    return log


def request_changes(user, article, comment):
    """review → draft with a required comment for the writer."""
    _require(is_editor(user))
    if not (comment or "").strip():
        raise ValidationError(_("Write what needs to be fixed."))
    with transaction.atomic():
        locked = _locked(article)
        _require_state(locked, S.REVIEW)
        _set_status(locked, S.DRAFT)
        log = _log(locked, user, "request_changes", S.REVIEW, comment.strip())
    _sync(article, locked)
    return log


def publish(user, article, when=None, comment=""):
    """draft/review → published, now or at a future time (scheduled)."""
    _require(is_editor(user))
    when = when or timezone.now()
    with transaction.atomic():
        locked = _locked(article)
        _require_state(locked, S.DRAFT, S.REVIEW, S.PUBLISHED)
        missing = missing_for_review(locked)
        if missing:
            raise ValidationError(
                _("Not complete yet. Still missing: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        from_status = locked.status
        first = locked.first_published_at or when
        _set_status(locked, S.PUBLISHED, published_at=when, first_published_at=first, approved_by=user)
        action = "schedule" if when > timezone.now() else "publish"
        log = _log(locked, user, action, from_status, comment)
    _sync(article, locked)
    return log


def unpublish(user, article, reason):
    """published → archived; the public URL then answers 410 Gone."""
    _require(is_editor(user))
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for unpublishing."))
    with transaction.atomic():
        locked = _locked(article)
        _require_state(locked, S.PUBLISHED)
        _set_status(locked, S.ARCHIVED)
        log = _log(locked, user, "unpublish", S.PUBLISHED, reason.strip())
    _sync(article, locked)
    return log


def restore(user, article, comment=""):
    """archived → draft."""
    _require(is_editor(user))
    with transaction.atomic():
        locked = _locked(article)
        _require_state(locked, S.ARCHIVED)
        _set_status(locked, S.DRAFT)
        log = _log(locked, user, "restore", S.ARCHIVED, comment)
    _sync(article, locked)
    return log


def can_delete(user, article):
    from perangkat_daerah.roles import is_administrator

    if is_administrator(user):
        return True
    never_published = article.first_published_at is None and article.status in (S.DRAFT, S.REVIEW)
    return never_published and (is_editor(user) or belongs_to_pd(user, article))
