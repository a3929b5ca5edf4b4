"""What a newcomer found when trying the publishing core in Chromium (each was a bug)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from authors.models import Author
from publishing import workflow
from publishing.models import Notification, Revision
from tests import factories
from tests.formreader import read_form
from tests.workflow.helpers import make_article_in

from .pages import client_for, messages_of, open_form, post_panel_form, save

pytestmark = pytest.mark.django_db


def test_schedule_or_publish_now_cannot_take_a_live_article_off_the_site(world):
    article = make_article_in(world, "published")
    editor = client_for(world.redaktur)
    page = editor.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'id="wf-schedule"' not in page and 'id="wf-publish"' not in page
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = editor.post(
        f"/admin/articles/article/{article.pk}/workflow/",
        {"action": "schedule", "when": when, "version": article.version},
    )
    assert response.status_code == 400
    assert Client().get(article.get_absolute_url()).status_code == 200
    before = Article.objects.get(pk=article.pk).published_at
    editor.post(
        f"/admin/articles/article/{article.pk}/workflow/",
        {"action": "publish", "version": article.version},
    )
    assert Article.objects.get(pk=article.pk).published_at == before  # not re-dated


def test_a_scheduled_article_can_be_moved_or_brought_forward(world):
    article = make_article_in(world, "scheduled")
    editor = client_for(world.redaktur)
    when = (timezone.localtime() + timedelta(days=5)).replace(second=0, microsecond=0)
    response = post_panel_form(editor, article, "wf-schedule", when=when.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).published_at == when
    assert post_panel_form(editor, article, "wf-publish").status_code == 302
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_notices_never_reach_a_writer_of_another_agency(world):
    article = make_article_in(world, "published")
    outsider = Author.objects.create(
        display_name="Dewi Dinkes", slug="dewi-dinkes", user=world.penulis_other
    )
    ArticleAuthor.objects.create(article=article, author=outsider, order=1)
    workflow.unpublish(world.redaktur, article, "Data keliru")
    assert not Notification.objects.filter(user=world.penulis_other).exists()
    assert Notification.objects.filter(user=world.penulis, action="unpublish").exists()


def test_an_empty_editor_paragraph_is_not_a_body(world):
    article = make_article_in(world, "draft", body="<p>&nbsp;</p>")
    assert "isi" in workflow.missing_for_review(article)
    with pytest.raises(workflow.ValidationError):
        workflow.submit(world.penulis, article)
    article.body = '<figure class="media"><oembed url="https://youtu.be/abc"></oembed></figure>'
    assert "isi" not in workflow.missing_for_review(article)


def test_a_proposal_whose_address_was_taken_still_opens_and_keeps_the_rest(world):
    article = make_article_in(world, "published")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data.update(slug="alamat-rebutan", lead="Teras usulan penulis.")
    save(writer, article, data)
    factories.make_article(pd=world.pd, slug="alamat-rebutan")

    page = writer.get(f"/admin/articles/article/{article.pk}/change/")
    text = messages_of(page)
    assert "alamat-rebutan" in text
    data = read_form(page.content, "article_form")
    assert data["lead"].strip() == "Teras usulan penulis."  # the rest of the proposal is there
    assert data["slug"] == article.slug  # the taken address is replaced by the live one
    assert save(writer, article, data).status_code == 302
    proposal = workflow.pending_revision(article)
    workflow.approve_revision(world.redaktur, article, proposal)
    assert Article.objects.get(pk=article.pk).lead == "Teras usulan penulis."


def test_media_shown_by_published_content_is_read_only_for_editors_too(world):
    article = make_article_in(world, "published")
    image = article.featured_image
    for user in (world.penulis, world.redaktur, world.admin):
        client = client_for(user)
        page = client.get(f"/admin/media_library/image/{image.pk}/change/").content.decode()
        assert 'name="alt_text"' not in page and "Upload" not in page and "None" not in page
        response = client.post(
            f"/admin/media_library/image/{image.pk}/change/",
            {"title": "Diganti", "alt_text": "Teks baru", "credit": "X"},
        )
        assert response.status_code == 403
        assert client.post(f"/admin/media_library/image/{image.pk}/delete/").status_code == 403
    image.refresh_from_db()
    assert image.alt_text == "Foto uji"


def test_a_sent_back_proposal_can_be_restored_from_history(world):
    article = make_article_in(world, "published")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data["lead"] = "Usulan yang dikembalikan."
    save(writer, article, data)
    proposal = workflow.pending_revision(article)
    workflow.reject_revision(world.redaktur, article, proposal, "Perbaiki kutipan.")

    history = writer.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert f'form="restore-{proposal.pk}"' in history
    assert f'form="restore-{article.live_revision_id}"' not in history
    writer.post(f"/admin/articles/article/{article.pk}/revisions/{proposal.pk}/restore/")
    assert workflow.pending_revision(article).content["lead"] == "Usulan yang dikembalikan."
    home = writer.get("/admin/").content.decode()
    assert "Perbaiki kutipan." not in home  # dealt with: no longer listed as sent back


def test_the_preview_button_shows_the_waiting_change(world):
    article = make_article_in(world, "published")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data["lead"] = "Teras yang diusulkan."
    save(writer, article, data)
    page = writer.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    proposal = workflow.pending_revision(article)
    assert f"/preview/?revision={proposal.pk}" in page


def test_a_foreign_featured_photo_has_no_edit_links_for_a_writer(world):
    foreign = factories.make_image(world.other_pd)
    article = make_article_in(world, "draft", featured_image=foreign)
    writer = client_for(world.penulis)
    page = writer.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f"/admin/media_library/image/{foreign.pk}/change/" not in page
    assert Revision.objects.filter(article=article).exists()
