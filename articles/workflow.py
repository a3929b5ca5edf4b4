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

from . import notifications
from .models import Article, Revision, Transition

S = Article.Status
R = Revision.State


class StaleEdit(ValidationError):
    """The article changed after the form was loaded; ``who`` and ``when`` say by whom."""

    def __init__(self, message, who=None, when=None):
        super().__init__(message, code="stale")
        self.who, self.when = who, when


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
    # of=("self",): lock only the article row (PostgreSQL cannot lock the nullable
    # side of the outer join to the featured image).
    return (
        Article.objects.select_for_update(of=("self",))
        .select_related("featured_image")
        .get(pk=article.pk)
    )


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


def _check_expected(locked, expected_version):
    """Refuse when the article changed since the user looked at it: two editors
    pressing different buttons at once must not both act (one on a state they never saw)."""
    if expected_version is not None and locked.version != expected_version:
        who, when = last_change(locked)
        name = (who.get_full_name() or who.get_username()) if who else _("someone else")
        raise StaleEdit(
            _("%(name)s changed this article in the meantime; nothing was done. Reload and check.")
            % {"name": name},
            who=who,
            when=when,
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


def submit(user, article, comment="", *, expected_version=None):
    """draft → review."""
    _require(is_editor(user) or belongs_to_pd(user, article))
    with transaction.atomic():
        locked = _locked(article)
        _check_expected(locked, expected_version)
        _require_state(locked, S.DRAFT)
        missing = missing_for_review(locked)
        if missing:
            raise ValidationError(
                _("Not complete yet. Still missing: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        _set_status(locked, S.REVIEW)
        log = _log(locked, user, "submit", S.DRAFT, comment)
        notifications.notify("submit", locked, user, comment)
    _sync(article, locked)
    return log


def withdraw(user, article, comment="", *, expected_version=None):
    """review → draft, by the submitting writer or an editor."""
    _require(can_view(user, article))
    with transaction.atomic():
        locked = _locked(article)
        _check_expected(locked, expected_version)
        _require_state(locked, S.REVIEW)
        submitter = (
            locked.transitions.filter(action="submit").values_list("actor_id", flat=True).first()
        )
        _require(is_editor(user) or (belongs_to_pd(user, locked) and submitter == user.pk))
        _set_status(locked, S.DRAFT)
        log = _log(locked, user, "withdraw", S.REVIEW, comment)
    _sync(article, locked)
    return log


def request_changes(user, article, comment, *, expected_version=None):
    """review → draft with a required comment for the writer."""
    _require(is_editor(user))
    if not (comment or "").strip():
        raise ValidationError(_("Write what needs to be fixed."))
    with transaction.atomic():
        locked = _locked(article)
        _check_expected(locked, expected_version)
        _require_state(locked, S.REVIEW)
        _set_status(locked, S.DRAFT)
        log = _log(locked, user, "request_changes", S.REVIEW, comment.strip())
        notifications.notify("request_changes", locked, user, comment.strip())
    _sync(article, locked)
    return log


def publish(user, article, when=None, comment="", *, expected_version=None, imported=False):
    """draft/review → published, now or at a future time (scheduled).

    ``imported``: the article comes from an archive that was already public elsewhere
    (WordPress import); it keeps its original date and skips the completeness check."""
    _require(is_editor(user))
    when = when or timezone.now()
    with transaction.atomic():
        locked = _locked(article)
        _check_expected(locked, expected_version)
        _require_state(locked, S.DRAFT, S.REVIEW, S.PUBLISHED)
        missing = [] if imported else missing_for_review(locked)
        if missing:
            raise ValidationError(
                _("Not complete yet. Still missing: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        from_status = locked.status
        first = locked.first_published_at or when
        _set_status(
            locked, S.PUBLISHED, published_at=when, first_published_at=first, approved_by=user
        )
        action = "schedule" if when > timezone.now() else "publish"
        log = _log(locked, user, action, from_status, comment)
        notifications.notify(action, locked, user, comment)
    _sync(article, locked)
    return log


def unpublish(user, article, reason, *, expected_version=None):
    """published → archived; the public URL then answers 410 Gone."""
    _require(is_editor(user))
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for unpublishing."))
    with transaction.atomic():
        locked = _locked(article)
        _check_expected(locked, expected_version)
        _require_state(locked, S.PUBLISHED)
        _set_status(locked, S.ARCHIVED)
        log = _log(locked, user, "unpublish", S.PUBLISHED, reason.strip())
        notifications.notify("unpublish", locked, user, reason.strip())
    _sync(article, locked)
    return log


def restore(user, article, comment="", *, expected_version=None):
    """archived → draft."""
    _require(is_editor(user))
    with transaction.atomic():
        locked = _locked(article)
        _check_expected(locked, expected_version)
        _require_state(locked, S.ARCHIVED)
        _set_status(locked, S.DRAFT)
        log = _log(locked, user, "restore", S.ARCHIVED, comment)
    _sync(article, locked)
    return log


def can_delete(user, article):
    from perangkat_daerah.roles import is_administrator

    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    never_published = article.first_published_at is None and article.status in (S.DRAFT, S.REVIEW)
    return never_published and (is_editor(user) or belongs_to_pd(user, article))


def schedule(user, article, when, comment="", *, expected_version=None):
    """Publish at a future time: the article stays invisible until ``when``."""
    if when is None or when <= timezone.now():
        raise ValidationError(_("Choose a publication time in the future."))
    return publish(user, article, when=when, comment=comment, expected_version=expected_version)


def delete(user, article):
    """Delete an article: never-published drafts by their PD's Penulis or a Redaktur,
    anything else by an Administrator only."""
    with transaction.atomic():
        locked = _locked(article)
        _require(can_view(user, locked) and can_delete(user, locked))
        locked.delete()


def require_share(user, article):
    """Share links are made and revoked by editors only."""
    _require(is_editor(user) and can_view(user, article))


# --- who may do what (the admin asks these to show buttons; the actions re-check) ---


def can_edit(user, article):
    return user.is_authenticated and can_view(user, article)


def submitter_id(article):
    return article.transitions.filter(action="submit").values_list("actor_id", flat=True).first()


def allowed_actions(user, article):
    """Names of the transitions the user may start on the article in its current state."""
    if not user.is_authenticated or not can_view(user, article):
        return []
    editor = is_editor(user)
    actions = []
    if article.status == S.DRAFT:
        actions.append("submit")
    if article.status == S.REVIEW:
        if editor or submitter_id(article) == user.pk:
            actions.append("withdraw")
        if editor:
            actions.append("request_changes")
    if editor and article.status in (S.DRAFT, S.REVIEW, S.PUBLISHED):
        actions += ["publish", "schedule"]
    if editor and article.status == S.PUBLISHED:
        actions.append("unpublish")
    if editor and article.status == S.ARCHIVED:
        actions.append("restore")
    return actions


def run(action, user, article, comment="", when=None, expected_version=None):
    """Dispatch one named transition (for the admin's action form)."""
    kw = {"expected_version": expected_version}
    if action == "submit":
        return submit(user, article, comment, **kw)
    if action == "withdraw":
        return withdraw(user, article, comment, **kw)
    if action == "request_changes":
        return request_changes(user, article, comment, **kw)
    if action == "publish":
        return publish(user, article, comment=comment, **kw)
    if action == "schedule":
        return schedule(user, article, when, comment, **kw)
    if action == "unpublish":
        return unpublish(user, article, comment, **kw)
    if action == "restore":
        return restore(user, article, comment, **kw)
    raise ValidationError(_("Unknown action."))


# --- content saves: versions, revisions, pending changes ---


def last_change(article):
    """(user, time) of the newest save or status change of the article."""
    rev = article.revisions.select_related("created_by").first()
    log = article.transitions.select_related("actor").first()
    candidates = [(r.created_at, r.created_by) for r in (rev,) if r] + [
        (t.created_at, t.actor) for t in (log,) if t
    ]
    if not candidates:
        return None, None
    when, who = max(candidates, key=lambda pair: pair[0])
    return who, when


def lock_for_edit(article_pk, loaded_version):
    """Lock the row and refuse if it changed since the form was loaded.

    Runs inside the admin's transaction; the lock is held until the save commits,
    so two people saving the same version at the same moment cannot both win."""
    locked = Article.objects.select_for_update().filter(pk=article_pk).first()
    if locked is None:
        raise ValidationError(_("This article was deleted in the meantime."))
    if loaded_version is not None and locked.version != loaded_version:
        from .templatetags.indonesian import tanggal

        who, when = last_change(locked)
        name = (who.get_full_name() or who.get_username()) if who else _("someone else")
        raise StaleEdit(
            _(
                "%(name)s saved this article on %(time)s, after you opened it. Your changes "
                "were NOT saved; they are still in the form below. Open the article in a new "
                "tab, carry your changes over, and save there."
            )
            % {"name": name, "time": tanggal(when) if when else "?"},
            who=who,
            when=when,
        )
    return locked


def edit_goes_pending(user, article):
    """A Penulis's change to a published article waits for a Redaktur's approval."""
    return article.status == S.PUBLISHED and not is_editor(user)


def record_revision(user, article, content=None, state=R.SAVED, note=""):
    from .revisions import snapshot

    content = snapshot(article) if content is None else content
    if state == R.PENDING:
        # Only the newest pending change counts; it already contains the earlier ones
        # because the form is loaded from it.
        article.revisions.filter(state=R.PENDING).update(state=R.SUPERSEDED)
    revision = Revision.objects.create(
        article=article,
        created_by=user if user and user.is_authenticated else None,
        state=state,
        base_version=article.version,
        content=content,
        note=note,
    )
    if state == R.PENDING:
        notifications.notify("revision_pending", article, user)
    return revision


def bump_version(article):
    """Mark the article as changed for optimistic locking without touching its content."""
    from django.db.models import F

    Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
    article.refresh_from_db(fields=["version"])


def pending_revision(article):
    return article.revisions.filter(state=R.PENDING).first()


def approve_revision(user, article, revision, comment=""):
    """Apply a pending revision: it goes live and the log says so."""
    from .revisions import apply_content

    _require(is_editor(user))
    with transaction.atomic():
        locked = _locked(article)
        rev = Revision.objects.select_for_update().get(pk=revision.pk, article=locked)
        if rev.state != R.PENDING:
            raise ValidationError(_("This change is no longer waiting for approval."))
        apply_content(locked, rev.content)
        locked.version += 1
        locked.save(update_fields=["version"])
        rev.state = R.APPROVED
        rev.save(update_fields=["state"])
        locked.revisions.filter(state=R.PENDING).update(state=R.SUPERSEDED)
        record_revision(user, locked, note=_("Approved change #%(id)s") % {"id": rev.pk})
        log = _log(locked, user, "approve_revision", locked.status, comment)
        notifications.notify("approve_revision", locked, user, comment)
    article.refresh_from_db()  # the caller's copy now shows the approved content
    return log


def restore_revision(user, article, revision, comment=""):
    """Bring back an older revision as a new revision (logged). On a published article
    it becomes a pending change that a Redaktur approves; otherwise it applies at once."""
    from .revisions import apply_content

    _require(can_edit(user, article))
    with transaction.atomic():
        locked = _locked(article)
        rev = Revision.objects.get(pk=revision.pk, article=locked)
        note = _("Restored from revision #%(id)s") % {"id": rev.pk}
        content = dict(rev.content)
        if not is_editor(user) and content.get("perangkat_daerah_id") not in user_pd_ids(user):
            content["perangkat_daerah_id"] = locked.perangkat_daerah_id
        if locked.status == S.PUBLISHED:
            new = record_revision(user, locked, content=content, state=R.PENDING, note=note)
            bump_version(locked)
        else:
            apply_content(locked, content)
            locked.version += 1
            locked.save(update_fields=["version"])
            new = record_revision(user, locked, note=note)
        _log(locked, user, "restore_revision", locked.status, comment or note)
    article.refresh_from_db()
    return new
