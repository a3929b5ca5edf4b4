"""Writes AuditEvent rows from Django signals (connected in KominfoConfig.ready).

Publishing events arrive through publishing.signals.transition_done, which the
content apps send, so this project package never imports a content app."""

import threading

from django.contrib.auth.models import Group, User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed

from perangkat_daerah.models import PerangkatDaerah
from publishing.signals import transition_done

from .models import AuditEvent

_current = threading.local()


def remember_request(request):
    _current.request = request


def forget_request():
    _current.request = None


def _request_info(request=None):
    request = request or getattr(_current, "request", None)
    if request is None:
        return None, ""
    user = getattr(request, "user", None)
    actor = user.get_username() if user is not None and user.is_authenticated else ""
    return request.META.get("REMOTE_ADDR") or None, actor


def record(kind, username="", detail="", request=None, actor=None):
    ip, request_actor = _request_info(request)
    AuditEvent.objects.create(
        kind=kind,
        username=username[:150],
        actor=(actor if actor is not None else request_actor)[:150],
        ip_address=ip,
        detail=detail[:500],
    )


def on_login(sender, request, user, **kwargs):
    record(AuditEvent.Kind.LOGIN, user.get_username(), request=request, actor=user.get_username())


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(
            AuditEvent.Kind.LOGOUT, user.get_username(), request=request, actor=user.get_username()
        )


def on_login_failed(sender, credentials, request=None, **kwargs):
    record(
        AuditEvent.Kind.LOGIN_FAILED,
        str(credentials.get("username", "")),
        request=request,
        actor="",
    )


def _names(model, pk_set):
    return ", ".join(str(obj) for obj in model.objects.filter(pk__in=pk_set or []))


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    verb = {"post_add": "+", "post_remove": "-", "post_clear": "cleared"}[action]
    if reverse:  # group.user_set changed
        for user in User.objects.filter(pk__in=pk_set or []):
            record(AuditEvent.Kind.ROLE_CHANGED, user.get_username(), f"{verb} {instance}")
    else:
        record(
            AuditEvent.Kind.ROLE_CHANGED, instance.get_username(), f"{verb} {_names(Group, pk_set)}"
        )


def on_members_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    verb = {"post_add": "+", "post_remove": "-", "post_clear": "cleared"}[action]
    if reverse:  # user.perangkat_daerah changed
        record(
            AuditEvent.Kind.PD_CHANGED,
            instance.get_username(),
            f"{verb} {_names(PerangkatDaerah, pk_set)}",
        )
    else:
        for user in User.objects.filter(pk__in=pk_set or []):
            record(AuditEvent.Kind.PD_CHANGED, user.get_username(), f"{verb} {instance}")


AUDITED_ACTIONS = ("publish", "schedule", "unpublish", "approve_revision")


def on_transition(sender, instance, action, actor=None, comment="", **kwargs):
    if action not in AUDITED_ACTIONS:
        return
    kind = AuditEvent.Kind.UNPUBLISHED if action == "unpublish" else AuditEvent.Kind.PUBLISHED
    username = actor.get_username() if actor is not None else ""
    title = str(instance)[:300]
    detail = f"{action}: {title}" + (f" — {comment}" if comment else "")
    record(kind, username, detail, actor=username)


def connect():
    user_logged_in.connect(on_login, dispatch_uid="audit_login")
    user_logged_out.connect(on_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    m2m_changed.connect(on_groups_changed, sender=User.groups.through, dispatch_uid="audit_groups")
    m2m_changed.connect(
        on_members_changed, sender=PerangkatDaerah.members.through, dispatch_uid="audit_members"
    )
    transition_done.connect(on_transition, dispatch_uid="audit_transition")


class AuditRequestMiddleware:
    """Makes the current request (IP, acting user) available to signal handlers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_request(request)
        try:
            return self.get_response(request)
        finally:
            forget_request()
