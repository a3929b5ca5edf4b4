"""Signed, expiring, revocable share links for one unpublished article.

The token is a django.core.signing value naming the ShareLink row and the
article; the row holds expiry and revocation, so a link can be withdrawn.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Article, ShareLink

SALT = "articles.sharelink"
DEFAULT_DAYS = 7


def create(user, article, days=DEFAULT_DAYS):
    from . import workflow

    workflow.require_share(user, article)
    return ShareLink.objects.create(
        article=article, created_by=user, expires_at=timezone.now() + timedelta(days=days)
    )


def revoke(user, link):
    from . import workflow

    workflow.require_share(user, link.article)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def token_for(link):
    return signing.dumps({"l": link.pk, "a": link.article_id}, salt=SALT, compress=True)


def url_for(link):
    return reverse("share:article", kwargs={"token": token_for(link)})


def resolve(token):
    """The article a token may show, or None (tampered, unknown, revoked, expired, archived)."""
    try:
        data = signing.loads(token, salt=SALT)
        link_id, article_id = int(data["l"]), int(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    link = (
        ShareLink.objects.select_related("article")
        .filter(pk=link_id, article_id=article_id)
        .first()
    )
    if link is None or not link.is_active:
        return None
    if link.article.status == Article.Status.ARCHIVED:
        return None
    return link.article
