"""The only place where the WordPress import talks to the editorial workflow.

When the workflow moves to the ``publishing`` app, rewire these four functions and
nothing else. Every change is saved with a revision and every status change is
logged with a comment that names the import.
"""

from django.core.exceptions import ValidationError

from articles import notifications, workflow
from articles.models import Article

S = Article.Status
muted = notifications.muted  # imports never notify anybody


def save_new(user, article, note):
    """Create the article (always a draft first) with its first revision."""
    article.created_by = user
    article.save()
    return article


def record(user, article, note):
    """Keep a complete revision after the article and its relations were written."""
    workflow.record_revision(user, article, note=note[:200])


def save_changed(user, article, note):
    """Write changed content of an existing article as a new version with a revision."""
    article.version += 1
    article.save()


def move_to(user, article, wanted, when, note):
    """Bring a saved article to the state it had in WordPress. Returns a message for the
    report when it could not get there (it then stays where it is)."""
    if wanted == S.PUBLISHED:
        if article.status == S.PUBLISHED and article.published_at == when:
            return ""
        workflow.publish(user, article, when=when, comment=note, imported=True)
    elif wanted == S.REVIEW and article.status == S.DRAFT:
        try:
            workflow.submit(user, article, comment=note)
        except ValidationError as error:
            return " ".join(error.messages)
    return ""
