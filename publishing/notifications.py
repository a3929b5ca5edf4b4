"""Who hears about what: in-admin notices plus e-mail (Django's email backend).

Submit and proposed changes → the Redaktur group only (never every superuser).
Request changes, publish, schedule, unpublish, approve or send back a change → the
item's writers (or the proposal's author). Nothing is sent for an ordinary save.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from perangkat_daerah.roles import REDAKTUR, is_editor, user_pd_ids

from .models import Notification, NotificationPreference
from .registry import config_for

logger = logging.getLogger(__name__)
_state = threading.local()


@contextmanager
def muted():
    """Run workflow actions without notices or e-mail (bulk imports, demo seeding)."""
    previous = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = previous


MESSAGES = {
    "submit": gettext_noop("“%(title)s” was submitted for review by %(actor)s."),
    "request_changes": gettext_noop("%(actor)s asked for changes to “%(title)s”."),
    "publish": gettext_noop("“%(title)s” was published by %(actor)s."),
    "schedule": gettext_noop("“%(title)s” was scheduled for publication by %(actor)s."),
    "unpublish": gettext_noop("“%(title)s” was unpublished by %(actor)s."),
    "approve_revision": gettext_noop(
        "%(actor)s approved your changes to “%(title)s”; they are live now."
    ),
    "reject_revision": gettext_noop("%(actor)s sent your proposed change to “%(title)s” back."),
    "revision_pending": gettext_noop(
        "%(actor)s proposed changes to the published “%(title)s”; they wait for approval."
    ),
}


def _name(user):
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def editors():
    return get_user_model().objects.filter(is_active=True, groups__name=REDAKTUR).distinct()


def writers(obj):
    """The people who write the item: its creator, submitters and linked bylines."""
    ids = set(
        obj.transitions.filter(action="submit", actor__isnull=False).values_list(
            "actor_id", flat=True
        )
    )
    if obj.created_by_id:
        ids.add(obj.created_by_id)
    authors = getattr(obj, "authors", None)
    if authors is not None:
        ids |= set(authors.filter(user__isnull=False).values_list("user_id", flat=True))
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def recipients(action, obj):
    if action in ("submit", "revision_pending"):
        return editors()
    return writers(obj)


def may_see(user, obj):
    """Never tell a Penulis about another agency's item (a byline may name a writer
    of another agency): no title, no reason, no dead link."""
    return is_editor(user) or obj.perangkat_daerah_id in user_pd_ids(user)


def email_enabled(user):
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref.email_enabled if pref else True


def admin_url(obj):
    try:
        path = reverse(config_for(obj).admin_prefix + "_change", args=[obj.pk])
    except NoReverseMatch:
        return settings.SITE_URL
    return settings.SITE_URL.rstrip("/") + path


def notify(action, obj, actor, comment="", to=None):
    """Create the notices and send the e-mails (after the transaction commits).
    ``to`` replaces the default recipients (e.g. the author of a proposal)."""
    template = MESSAGES.get(action)
    if template is None or getattr(_state, "muted", False):
        return []
    message = _(template) % {"title": str(obj), "actor": _name(actor)}
    users = [u for u in to if u is not None] if to is not None else recipients(action, obj)
    users = [
        u for u in users if u.is_active and (actor is None or u.pk != actor.pk) and may_see(u, obj)
    ]
    notices = [
        Notification.objects.create(
            user=user, content_object=obj, action=action, message=message, comment=comment
        )
        for user in users
    ]
    link = admin_url(obj)
    mails = [(user.email, message, comment) for user in users if user.email and email_enabled(user)]

    def send():
        for address, subject, text in mails:
            body = subject + ("\n\n" + text if text else "") + "\n\n" + link
            try:
                send_mail(subject, body, None, [address])
            except Exception:  # a mail server problem must never undo an editorial action
                logger.exception("Could not send notification e-mail to %s", address)

    transaction.on_commit(send)
    return notices
