"""Two people acting on one article at the same moment, on real PostgreSQL.

These tests use committed transactions (transactional_db) and real threads, each
with its own database connection, so the row lock taken by publishing.workflow and
by the change form is really contended."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from articles.models import Article
from publishing import workflow
from publishing.models import Revision

from .helpers import change_data, change_url, make_article_in, make_world

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*jobs):
    """Start all jobs at the same instant; return their results (or exceptions)."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # collected and asserted on by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_sessions_saving_one_article_second_is_refused():
    world = make_world()
    article = make_article_in(world, "draft", title="Judul awal")
    first, second = Client(), Client()
    first.force_login(world.penulis)
    second.force_login(world.redaktur)
    # Both opened the form at the same version.
    data = {
        "first": change_data(article, title="Versi Putra"),
        "second": change_data(article, title="Versi Rina"),
    }
    responses = run_together(
        lambda: first.post(change_url(article), data["first"]),
        lambda: second.post(change_url(article), data["second"]),
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 302], responses
    loser = next(r for r in responses if r.status_code == 200).content.decode()
    winner_title = "Versi Putra" if "Versi Rina" in loser else "Versi Rina"
    loser_title = "Versi Rina" if winner_title == "Versi Putra" else "Versi Putra"
    assert f'value="{loser_title}"' in loser  # the refused text is still in the form
    assert "WITA" in loser
    article.refresh_from_db()
    assert article.title == winner_title
    assert article.version == 2
    titles = list(article.revisions.values_list("content__title", flat=True))
    assert winner_title in titles and loser_title not in titles


def test_conflicting_transitions_one_wins_and_log_is_consistent():
    world = make_world()
    for _ in range(3):  # a few rounds to give the race a real chance
        article = make_article_in(world, "review")
        seen = article.version  # both editors looked at the article in review
        results = run_together(
            lambda a=article, seen=seen: workflow.publish(
                world.redaktur, Article.objects.get(pk=a.pk), expected_version=seen
            ),
            lambda a=article, seen=seen: workflow.request_changes(
                world.admin, Article.objects.get(pk=a.pk), "Belum layak.", expected_version=seen
            ),
        )
        errors = [r for r in results if isinstance(r, Exception)]
        wins = [r for r in results if not isinstance(r, Exception)]
        assert len(wins) == 1 and len(errors) == 1, results
        assert isinstance(errors[0], ValidationError)
        article.refresh_from_db()
        log = list(article.transitions.order_by("created_at", "pk"))
        assert [t.action for t in log] == ["submit", wins[0].action]
        assert log[-1].from_status == "review"
        assert log[-1].to_status == article.status
        assert article.version == 3  # draft 1 → review 2 → one transition 3
        if article.status == "published":
            assert article.approved_by == world.redaktur and article.published_at


def test_publish_and_a_penulis_save_at_once_leave_no_mixed_state():
    world = make_world()
    article = make_article_in(world, "review", title="Judul tinjauan")
    client = Client()
    client.force_login(world.penulis)
    data = change_data(article, title="Judul Putra")
    seen = article.version
    results = run_together(
        lambda: workflow.publish(
            world.redaktur, Article.objects.get(pk=article.pk), expected_version=seen
        ),
        lambda: client.post(change_url(article), data),
    )
    article.refresh_from_db()
    response = results[1]
    if response.status_code == 302:
        # the save won the lock first; the editor's publish saw an older version
        # and was refused, so nothing unseen went live
        assert isinstance(results[0], ValidationError)
        assert article.status == "review" and article.title == "Judul Putra"
    else:
        assert article.status == "published"
        # publish won: the save was stale and refused; nothing half-applied
        assert response.status_code == 200 and article.title == "Judul tinjauan"
        assert not Revision.objects.filter(article=article, content__title="Judul Putra").exists()
