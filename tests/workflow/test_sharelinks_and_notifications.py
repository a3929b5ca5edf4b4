"""Share links (valid, expired, revoked, tampered, archived) and who is notified."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from perangkat_daerah.roles import REDAKTUR
from publishing import sharelinks, workflow
from publishing.models import Notification, NotificationPreference, ShareLink
from tests import factories

from .helpers import admin_url, change_data, change_url, make_article_in


@pytest.fixture
def shared(world, client):
    article = make_article_in(world, "review", title="Draf untuk kepala dinas")
    client.force_login(world.redaktur)
    assert client.post(admin_url(article, "share/"), {"days": "7"}).status_code == 302
    link = ShareLink.objects.get(article=article)
    return article, link, sharelinks.url_for(link)


def test_valid_share_link_shows_the_article_privately(shared):
    article, link, url = shared
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(days=7)
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert '<meta name="robots" content="noindex' in html
    assert "noindex" in response["X-Robots-Tag"]
    assert "private" in response["Cache-Control"]


def test_expired_share_link_stops_working(shared):
    article, link, url = shared
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(url).status_code == 404


def test_revoked_share_link_stops_working(shared, world, client):
    article, link, url = shared
    response = client.post(admin_url(article, f"share/{link.pk}/revoke/"))
    assert response.status_code == 302
    assert Client().get(url).status_code == 404


def test_tampered_share_link_is_404(shared, world):
    article, link, url = shared
    token = url.rstrip("/").rsplit("/", 1)[1]
    other = make_article_in(world, "draft", title="Artikel lain")
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert Client().get(f"/pratinjau/{forged}/").status_code == 404
    # a valid signature for one article cannot be pointed at another
    from django.core import signing

    payload = signing.loads(token, salt=sharelinks.SALT)
    payload["a"] = other.pk
    unsigned = signing.dumps(payload, salt="wrong-salt")
    assert Client().get(f"/pratinjau/{unsigned}/").status_code == 404
    assert Client().get("/pratinjau/bukan-token/").status_code == 404


def test_share_link_of_archived_article_stops_working(shared, world):
    article, link, url = shared
    workflow.publish(world.redaktur, article)
    assert Client().get(url).status_code == 200
    workflow.unpublish(world.redaktur, article, "Ditarik.")
    assert Client().get(url).status_code == 404


def test_submit_notifies_redaktur_group_only(world, django_capture_on_commit_callbacks):
    article = make_article_in(world, "draft")
    second_editor = factories.make_user(REDAKTUR)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(world.penulis, article)
    notified = set(Notification.objects.filter(action="submit").values_list("user", flat=True))
    assert notified == {world.redaktur.pk, second_editor.pk}
    assert world.admin.pk not in notified  # a superuser is not the review desk
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.redaktur.email, second_editor.email]
    )


def test_request_changes_notifies_the_writer_with_the_comment(
    world, django_capture_on_commit_callbacks
):
    article = make_article_in(world, "review")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(world.redaktur, article, "Foto kurang jelas.")
    notice = Notification.objects.get(action="request_changes")
    assert notice.user == world.penulis and notice.comment == "Foto kurang jelas."
    assert [m.to for m in mail.outbox] == [[world.penulis.email]]
    assert "Foto kurang jelas." in mail.outbox[0].body


def test_publish_and_unpublish_notify_writers_and_email_can_be_turned_off(
    world, client, django_capture_on_commit_callbacks
):
    article = make_article_in(world, "review")
    client.force_login(world.penulis)
    response = client.post("/admin/publishing/notification/", {"email_enabled": ""})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=world.penulis).email_enabled is False
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(world.redaktur, article)
        workflow.unpublish(world.redaktur, article, "Salah data.")
    actions = list(Notification.objects.filter(user=world.penulis).values_list("action", flat=True))
    assert sorted(actions) == ["publish", "unpublish"]
    assert mail.outbox == []  # notices yes, e-mail no
    page = client.get("/admin/publishing/notification/").content.decode()
    assert "Salah data." in page


def test_ordinary_saves_send_no_email(world, client, django_capture_on_commit_callbacks):
    article = make_article_in(world, "draft")
    client.force_login(world.penulis)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            article.refresh_from_db()
            client.post(change_url(article), change_data(article, title=f"Simpan {n}"))
    article.refresh_from_db()
    assert article.title == "Simpan 2"
    assert mail.outbox == [] and not Notification.objects.exists()


def test_muted_notifications_for_bulk_work(world, django_capture_on_commit_callbacks):
    from publishing import notifications

    article = make_article_in(world, "draft")
    with django_capture_on_commit_callbacks(execute=True), notifications.muted():
        workflow.submit(world.penulis, article)
    assert article.status == "review"
    assert not Notification.objects.exists() and mail.outbox == []


def test_pending_change_to_a_live_article_tells_the_review_desk(
    world, client, django_capture_on_commit_callbacks
):
    article = make_article_in(world, "published")
    client.force_login(world.penulis)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), change_data(article, lead="Ringkasan yang diperbaiki."))
    notice = Notification.objects.get(action="revision_pending")
    assert notice.user == world.redaktur
    assert "menunggu persetujuan" in notice.message  # Indonesian, from the catalogue
    assert [m.to for m in mail.outbox] == [[world.redaktur.email]]
