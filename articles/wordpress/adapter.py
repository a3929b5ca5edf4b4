"""The only place where the WordPress import talks to the publishing core.

Every change is saved with a complete revision and every status change is logged with
a comment that names the import. Works on any registered type (articles, and the pages
a content app imports through ``publishing.imports``); "article" below means either.
Content of an article that is already published is never written in place: the import's new version is built inside a savepoint,
snapshotted, rolled back, and then proposed and approved by the importing
Administrator, so the approval is in the article's history like any other.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError

from articles.models import Article
from publishing import notifications, revisions, workflow

S = Article.Status
muted = notifications.muted  # imports never notify anybody


class Version:
    """What ``writing`` hands to its block: the block may set ``known`` (relations it
    has just saved itself, see ``revisions.snapshot``); after the block ``revision`` is
    the revision recorded for a new or unpublished article."""

    def __init__(self, article):
        self.article = article
        self.known = None
        self.revision = None


@contextmanager
def writing(user, article, note):
    """Everything written to ``article`` and its relations inside the block is the
    import's new version. A new or unpublished article keeps it (with a revision); a
    published one gets it through a logged proposal and approval."""
    version = Version(article)
    if article.pk is None or not workflow.edits_go_to_proposal(article):
        yield version
        content = revisions.snapshot(article, version.known)
        version.revision = workflow.record_revision(user, article, content, note=note[:200])
        return
    with revisions.materialized(article, None):
        yield version
        content = revisions.snapshot(article)
    article.refresh_from_db()
    if content == revisions.snapshot(article):
        return
    proposal = workflow.save_proposal(user, article, content, note=note[:200])
    workflow.approve_revision(user, article, proposal, comment=note)


def save(user, article):
    """Save the article row (inside ``writing``); a new one starts as a draft."""
    if article.pk is None:
        article.created_by = user
    article.save()
    return article


def move_to(user, article, wanted, when, note, revision=None):
    """Bring a saved article to the state it had in WordPress. Returns a message for the
    report when it could not get there (it then stays where it is). ``revision``: the
    one ``writing`` has just recorded (the workflow checks it still fits)."""
    if wanted == S.PUBLISHED:
        if article.status == S.PUBLISHED and article.published_at == when:
            return ""
        if article.status == S.PUBLISHED and article.is_live:
            return ""  # a live article is not re-dated by a re-run
        workflow.publish(user, article, when=when, comment=note, imported=True, revision=revision)
    elif wanted == S.REVIEW and article.status == S.DRAFT:
        try:
            workflow.submit(user, article, comment=note)
        except ValidationError as error:
            return " ".join(error.messages)
    return ""
