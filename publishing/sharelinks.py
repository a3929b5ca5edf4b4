"""Signed, expiring, revocable share links for one unpublished item.

The token is a django.core.signing value naming the ShareLink row; the row holds
expiry and revocation, so a link can be withdrawn. A link ends for good when it is
revoked, expires, or its item is unpublished (publishing.workflow revokes it then).
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import ShareLink, Status

SALT = "articles.sharelink"  # kept: links made before the move keep working
DEFAULT_DAYS = 7


def create(user, obj, days=DEFAULT_DAYS):
    from . import workflow

    workflow.require_share(user, obj)
    workflow.require_shareable(obj)
    return ShareLink.objects.create(
        content_object=obj, created_by=user, expires_at=timezone.now() + timedelta(days=days)
    )


def revoke(user, link):
    from . import workflow

    workflow.require_share(user, link.content_object)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def token_for(link):
    return signing.dumps({"l": link.pk, "a": link.object_id}, salt=SALT, compress=True)


def url_for(link):
    return reverse("share:article", kwargs={"token": token_for(link)})


def links_for(obj):
    return ShareLink.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def resolve(token):
    """The item a token may show, or None (tampered, unknown, revoked, expired, archived)."""
    try:
        data = signing.loads(token, salt=SALT)
        link_id, object_id = int(data["l"]), int(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    link = ShareLink.objects.filter(pk=link_id, object_id=object_id).first()
    if link is None or not link.is_active:
        return None
    obj = link.content_object
    if obj is None or obj.status == Status.ARCHIVED:
        return None
    return obj
