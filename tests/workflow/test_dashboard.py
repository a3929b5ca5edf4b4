"""The admin home: review queue for the Redaktur, own work for the Penulis."""

from datetime import timedelta

from django.utils import timezone

from publishing import workflow
from publishing.models import Transition

from .helpers import make_article_in


def test_redaktur_sees_review_queue_oldest_first_and_scheduled(world, client):
    older = make_article_in(world, "review", title="Masuk pertama")
    newer = make_article_in(world, "review", title="Masuk kedua")
    Transition.objects.filter(article=older, action="submit").update(
        created_at=timezone.now() - timedelta(days=2)
    )
    scheduled = make_article_in(world, "scheduled", title="Tayang besok")
    client.force_login(world.redaktur)
    html = client.get("/admin/").content.decode()
    assert "Waiting for review (2)" in html or "Menunggu tinjauan (2)" in html
    assert html.index(older.title) < html.index(newer.title)
    queue, _, rest = html.partition('id="scheduled"')
    assert scheduled.title in rest and "WITA" in rest


def test_penulis_sees_drafts_needs_changes_with_comment_and_waiting(world, client):
    draft = make_article_in(world, "draft", title="Draf saya")
    sent_back = make_article_in(world, "review", title="Dikembalikan")
    workflow.request_changes(world.redaktur, sent_back, "Lengkapi nama narasumber.")
    waiting = make_article_in(world, "review", title="Sedang ditinjau")
    client.force_login(world.penulis)
    html = client.get("/admin/").content.decode()
    needs = html[html.index('id="needs-fixing"') : html.index('id="my-drafts"')]
    assert sent_back.title in needs and "Lengkapi nama narasumber." in needs
    drafts = html[html.index('id="my-drafts"') : html.index('id="review-queue"')]
    assert draft.title in drafts and sent_back.title not in drafts
    queue = html[html.index('id="review-queue"') :]
    assert waiting.title in queue
