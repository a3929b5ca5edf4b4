"""The only code that changes the status or the live content of a content item, for
every registered type (DESIGN.md, "Editorial workflow").

Every status change is one row of ``steps.STEPS`` carried out by :func:`perform`:
permission, state and completeness checks, the change under a row lock, the log and
the notices. Content saves go through :func:`record_save`: on published content they
become a *proposal* (a pending revision) that only :func:`approve_revision` makes live.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from perangkat_daerah.roles import is_administrator, is_editor, user_pd_ids

from . import notifications, revisions
from .models import Revision, ShareLink, Status, Transition
from .registry import config_for
from .signals import transition_done
from .steps import EDITOR, STEPS, SUBMITTER, WRITER

S = Status
R = Revision.State


class StaleEdit(ValidationError):
    """The item changed after the user loaded it; ``who`` and ``when`` say by whom."""

    def __init__(self, message, who=None, when=None):
        super().__init__(message, code="stale")
        self.who, self.when = who, when


# --- who may see and touch what --------------------------------------------------


def belongs_to_pd(user, obj):
    return obj.perangkat_daerah_id in user_pd_ids(user)


def can_view(user, obj):
    return user.is_authenticated and (is_editor(user) or belongs_to_pd(user, obj))


def can_edit(user, obj):
    return can_view(user, obj)


def can_delete(user, obj):
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    never_published = obj.first_published_at is None and obj.status in (S.DRAFT, S.REVIEW)
    return never_published and can_view(user, obj)


def submitter_id(obj):
    return obj.transitions.filter(action="submit").values_list("actor_id", flat=True).first()


def _may_take(user, obj, step):
    if not can_view(user, obj):
        return False
    if step.who == EDITOR:
        return is_editor(user)
    if step.who == SUBMITTER:
        return is_editor(user) or submitter_id(obj) == user.pk
    return step.who == WRITER


def missing_for_review(obj):
    """What must be filled in before the item can go to review (empty = complete)."""
    completeness = config_for(obj).completeness
    return list(completeness(obj)) if completeness else []


def _possible(step, obj):
    """A step's source states, with one refinement: publish and schedule apply to a
    published item only while it is still scheduled (bring it forward, move its time).
    On a live item they would re-date it or take it off the site; taking it off the
    site is "unpublish", with a reason."""
    if obj.status not in step.sources:
        return False
    if step.target == S.PUBLISHED and obj.status == S.PUBLISHED:
        return obj.is_scheduled
    return True


def allowed_steps(user, obj):
    """The steps the user may start on the item in its current state, in table order."""
    return [step for step in STEPS.values() if _possible(step, obj) and _may_take(user, obj, step)]


def _require(condition, message=None):
    if not condition:
        raise PermissionDenied(message or _("You may not do this."))


# --- helpers ----------------------------------------------------------------------


def _locked(obj):
    # of=("self",): lock only the item's row (PostgreSQL cannot lock the nullable side
    # of an outer join).
    return type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else _("someone else")


def last_change(obj):
    """(user, time) of the newest save or status change of the item."""
    rev = obj.revisions.select_related("created_by").first()
    log = obj.transitions.select_related("actor").first()
    candidates = [(r.created_at, r.created_by) for r in (rev,) if r]
    candidates += [(t.created_at, t.actor) for t in (log,) if t]
    if not candidates:
        return None, None
    when, who = max(candidates, key=lambda pair: pair[0])
    return who, when


def _stale(obj, template):
    from .templatetags.indonesian import tanggal

    who, when = last_change(obj)
    time = tanggal(when) if when else "?"
    return StaleEdit(template % {"name": _name(who), "time": time}, who=who, when=when)


def _check_expected(locked, expected_version):
    """Two people pressing different buttons at once must not both act."""
    if expected_version is not None and locked.version != expected_version:
        raise _stale(
            locked,
            _("%(name)s changed this item on %(time)s, after you opened it; nothing was done. "
              "Reload and check."),
        )  # fmt: skip


def _log(obj, user, action, from_status, comment=""):
    entry = Transition.objects.create(
        content_object=obj,
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=obj.status,
        comment=comment,
    )
    transition_done.send(
        sender=type(obj),
        instance=obj,
        action=action,
        actor=entry.actor,
        comment=comment,
        from_status=from_status,
        to_status=obj.status,
    )
    return entry


def _bump(obj, **fields):
    """Save workflow fields and a new version on the locked row."""
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.version += 1
    obj.save(update_fields=["version", "updated_at", *fields])


def _sync(target, source):
    for name in (
        "status",
        "version",
        "published_at",
        "expires_at",
        "first_published_at",
        "approved_by_id",
        "live_revision_id",
    ):
        setattr(target, name, getattr(source, name))


def _supersede_pending(obj, note):
    obj.revisions.filter(state=R.PENDING).update(state=R.SUPERSEDED, note=note[:200])


# --- status changes -----------------------------------------------------------------


def perform(
    name,
    user,
    obj,
    comment="",
    *,
    when=None,
    expires=None,
    expected_version=None,
    imported=False,
    revision=None,
):
    """Carry out one step of ``steps.STEPS`` on ``obj`` as ``user``: the only door to a
    status change. Returns the log entry. ``imported``: the item comes from an archive
    that was already public elsewhere (WordPress import): it keeps its original date
    and is not held back by the completeness check. ``revision``: the revision the
    caller has just recorded for this very save (saves looking it up again); it is used
    only if it still matches the locked row's version."""
    step = STEPS.get(name)
    if step is None:
        raise ValidationError(_("Unknown action."))
    comment = (comment or "").strip()
    _require(can_view(user, obj))
    if step.comment_required and not comment:
        label = step.label_for(type(obj))
        raise ValidationError(_("%(label)s: a comment is required.") % {"label": label})
    if step.needs_time and (when is None or when <= timezone.now()):
        raise ValidationError(_("Choose a publication time in the future."))
    with transaction.atomic():
        locked = _locked(obj)
        _check_expected(locked, expected_version)
        _require(step.who != EDITOR or is_editor(user))
        if not _possible(step, locked):
            raise ValidationError(
                _("This action is not possible while the %(type)s is “%(status)s”.")
                % {"type": locked._meta.verbose_name, "status": locked.get_status_display()}
            )
        _require(_may_take(user, locked, step))
        if step.needs_complete and not (imported and step.target == S.PUBLISHED):
            missing = missing_for_review(locked)
            if missing:
                raise ValidationError(
                    _("Not complete yet. Still missing: %(fields)s.")
                    % {"fields": ", ".join(str(m) for m in missing)}
                )
        from_status = locked.status
        fields = {}
        action = name
        if step.target == S.PUBLISHED:
            when = when or timezone.now()
            if expires is not None and expires <= when:
                raise ValidationError(_("The expiry time must be after the publication time."))
            action = "schedule" if when > timezone.now() else "publish"
            fields = {
                "published_at": when,
                "first_published_at": locked.first_published_at or when,
                "approved_by": user,
            }
            if expires is not None:
                fields["expires_at"] = expires
            if from_status != S.PUBLISHED:
                # What goes live is the content as saved now.
                fields["live_revision"] = _current_revision(user, locked, revision)
        if step.target != S.PUBLISHED and from_status == S.PUBLISHED:
            _supersede_pending(locked, _("Dropped: the item was unpublished."))
        if step.target == S.ARCHIVED:
            # A share link ends with the publication it was made for and stays ended.
            ShareLink.objects.filter(
                content_type=_ct(locked), object_id=locked.pk, revoked_at__isnull=True
            ).update(revoked_at=timezone.now())
        locked.status = step.target
        _bump(locked, status=step.target, **fields)
        entry = _log(locked, user, action, from_status, comment)
        if step.notifies:
            notifications.notify(action, locked, user, comment)
    _sync(obj, locked)
    return entry


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj)


def _current_revision(user, obj, recorded=None):
    """The newest revision if it holds exactly the saved content, else a new one.
    ``recorded``: the revision the caller recorded for the current version."""
    if (
        recorded is not None
        and recorded.object_id == obj.pk
        and recorded.content_type_id == _ct(obj).pk
        and recorded.state == R.SAVED
        and recorded.base_version == obj.version
    ):
        return recorded
    newest = obj.revisions.exclude(state__in=[R.PENDING, R.REJECTED, R.SUPERSEDED]).first()
    if newest is not None and newest.state == R.SAVED and newest.base_version == obj.version:
        return newest  # recorded by the save that produced this version
    content = revisions.snapshot(obj)
    if newest is not None and newest.content == content:
        return newest
    return Revision.objects.create(
        content_object=obj, created_by=_user(user), content=content, base_version=obj.version
    )


def _user(user):
    return user if user is not None and user.is_authenticated else None


def submit(user, obj, comment="", **kw):
    return perform("submit", user, obj, comment, **kw)


def withdraw(user, obj, comment="", **kw):
    return perform("withdraw", user, obj, comment, **kw)


def request_changes(user, obj, comment, **kw):
    return perform("request_changes", user, obj, comment, **kw)


def publish(user, obj, when=None, comment="", **kw):
    return perform("publish", user, obj, comment, when=when, **kw)


def schedule(user, obj, when, comment="", **kw):
    return perform("schedule", user, obj, comment, when=when, **kw)


def unpublish(user, obj, reason, **kw):
    return perform("unpublish", user, obj, reason, **kw)


def restore(user, obj, comment="", **kw):
    return perform("restore", user, obj, comment, **kw)


def delete(user, obj):
    """Never-published drafts by their PD's Penulis or a Redaktur; anything else by an
    Administrator only."""
    with transaction.atomic():
        locked = _locked(obj)
        _require(can_view(user, locked) and can_delete(user, locked))
        locked.delete()


def require_share(user, obj):
    """Share links are made and revoked by editors only."""
    _require(is_editor(user) and can_view(user, obj))


def require_shareable(obj):
    """An unpublished (withdrawn) item has no share links: they would never open."""
    if obj.status == S.ARCHIVED:
        raise ValidationError(_("A withdrawn item cannot be shared; restore it to draft first."))


# --- content saves: versions, revisions, proposals --------------------------------


def lock_for_edit(model, pk, loaded_version):
    """Lock the row and refuse if it changed since the form was loaded. Runs inside the
    admin's transaction; two people saving the same version cannot both win."""
    locked = model._default_manager.select_for_update(of=("self",)).filter(pk=pk).first()
    if locked is None:
        raise ValidationError(_("This item was deleted in the meantime."))
    if loaded_version is not None and locked.version != loaded_version:
        raise _stale(
            locked,
            _("%(name)s saved this item on %(time)s, after you opened it. Your changes were NOT "
              "saved; they are still in the form below. Open the item in a new tab, carry your "
              "changes over, and save there."),
        )  # fmt: skip
    return locked


def edits_go_to_proposal(obj):
    """Every change to published content (live or scheduled) waits for approval: a
    Penulis's save and an editor's plain save alike. An editor publishes it in the same
    step with "Save and publish", which is logged as an approval."""
    return obj.status == S.PUBLISHED


def pending_revision(obj):
    return obj.revisions.filter(state=R.PENDING).first()


def record_revision(user, obj, content=None, note=""):
    """Keep a snapshot of a save of unpublished content (applied at once)."""
    return Revision.objects.create(
        content_object=obj,
        created_by=_user(user),
        state=R.SAVED,
        base_version=obj.version,
        content=revisions.snapshot(obj) if content is None else content,
        note=note,
    )


def bump_version(obj):
    """Mark the item as changed for optimistic locking without touching its content."""
    type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)
    obj.refresh_from_db(fields=["version"])


def save_proposal(user, obj, content, note=""):
    """Store ``content`` as the proposal for published ``obj``. It replaces an earlier
    pending proposal (the form was loaded from it, so it contains it) and keeps that
    one's base: approval compares the base with the live revision."""
    _require(can_edit(user, obj))
    with transaction.atomic():
        locked = _locked(obj)
        previous = locked.revisions.select_for_update().filter(state=R.PENDING).first()
        based_on_id = previous.based_on_id if previous else locked.live_revision_id
        _supersede_pending(locked, _("Replaced by a newer proposal."))
        proposal = Revision.objects.create(
            content_object=locked,
            created_by=_user(user),
            state=R.PENDING,
            base_version=locked.version,
            based_on_id=based_on_id,
            content=content,
            note=note,
        )
        bump_version(locked)
        if previous is None or previous.created_by_id != proposal.created_by_id:
            notifications.notify("revision_pending", locked, user)
    _sync(obj, locked)
    return proposal


def approve_revision(user, obj, revision, comment="", *, expected_version=None):
    """Make a pending proposal live. Refused when the live content changed after the
    proposal was started (like a stale save), or when it cannot be applied."""
    _require(is_editor(user) and can_view(user, obj))
    with transaction.atomic():
        locked = _locked(obj)
        _check_expected(locked, expected_version)
        rev = locked.revisions.select_for_update().filter(pk=revision.pk).first()
        if rev is None or rev.state != R.PENDING:
            raise ValidationError(_("This change is no longer waiting for approval."))
        if locked.status != S.PUBLISHED:
            raise ValidationError(_("Only changes to published items wait for approval."))
        if rev.based_on_id != locked.live_revision_id:
            from .templatetags.indonesian import tanggal

            went_live = (
                locked.transitions.filter(action__in=["approve_revision", "publish", "schedule"])
                .select_related("actor")
                .first()
            )
            who = went_live.actor if went_live else None
            when = went_live.created_at if went_live else None
            raise StaleEdit(
                _("The live version was changed by %(name)s on %(time)s, after this proposal was "
                  "started; approving it would undo that. Send it back or restore it as a new "
                  "proposal.") % {"name": _name(who), "time": tanggal(when) if when else "?"},
                who=who,
                when=when,
            )  # fmt: skip
        revisions.apply(locked, rev.content)
        rev.state = R.APPROVED
        rev.save(update_fields=["state"])
        _bump(locked, live_revision=rev, approved_by=user)
        entry = _log(locked, user, "approve_revision", locked.status, comment)
        # Everyone who worked on this proposal hears of it, also when an editor's later
        # save replaced the writer's version of it.
        chain = locked.revisions.filter(
            state__in=[R.SUPERSEDED, R.APPROVED], based_on_id=rev.based_on_id
        ).select_related("created_by")
        authors = {r.created_by for r in chain if r.created_by} | set(notifications.writers(locked))
        notifications.notify("approve_revision", locked, user, comment, to=authors)
    obj.refresh_from_db()
    return entry


def reject_revision(user, obj, revision, comment):
    """Send a pending proposal back to its writer with a required comment."""
    _require(is_editor(user) and can_view(user, obj))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Write why the change is sent back."))
    with transaction.atomic():
        locked = _locked(obj)
        rev = locked.revisions.select_for_update().filter(pk=revision.pk).first()
        if rev is None or rev.state != R.PENDING:
            raise ValidationError(_("This change is no longer waiting for approval."))
        rev.state = R.REJECTED
        rev.note = comment[:200]
        rev.save(update_fields=["state", "note"])
        bump_version(locked)
        entry = _log(locked, user, "reject_revision", locked.status, comment)
        notifications.notify("reject_revision", locked, user, comment, to=[rev.created_by])
    _sync(obj, locked)
    return entry


def restore_revision(user, obj, revision, comment=""):
    """Bring back an older revision as a new one (logged). On published content it
    becomes the proposal (refused while another proposal waits: approve or send that
    back first); otherwise it is applied at once."""
    _require(can_edit(user, obj))
    with transaction.atomic():
        locked = _locked(obj)
        rev = locked.revisions.filter(pk=revision.pk).first()
        if rev is None:
            raise ValidationError(_("This revision does not exist."))
        note = _("Restored from revision #%(id)s") % {"id": rev.pk}
        content = dict(rev.content)
        if not is_editor(user) and content.get("perangkat_daerah_id") not in user_pd_ids(user):
            content["perangkat_daerah_id"] = locked.perangkat_daerah_id
        revisions.check_applicable(locked, content)
        if edits_go_to_proposal(locked):
            if pending_revision(locked) is not None:
                raise ValidationError(
                    _("A change is already waiting for approval. Approve it or send it back "
                      "first, so it is not silently replaced.")
                )  # fmt: skip
            new = save_proposal(user, locked, content, note=note)
        else:
            revisions.apply(locked, content)
            locked.version += 1
            locked.save(update_fields=["version"])
            new = record_revision(user, locked, note=note)
        _log(locked, user, "restore_revision", locked.status, comment or note)
    obj.refresh_from_db()
    return new
