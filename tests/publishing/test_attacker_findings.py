"""What a hostile reviewer found in the publishing core (each was a bug)."""

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article
from publishing import sharelinks, workflow
from publishing.models import Notification
from tests import factories
from tests.formreader import read_form
from tests.workflow.helpers import make_article_in

from .pages import client_for, open_form, save

pytestmark = pytest.mark.django_db


def test_the_writer_hears_of_the_approval_when_an_editor_built_on_their_proposal(world):
    article = make_article_in(world, "published")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data["lead"] = "Teras dari penulis."
    save(writer, article, data)
    editor = client_for(world.redaktur)
    html, data = open_form(editor, article)
    assert data["lead"].strip() == "Teras dari penulis."
    data["title"] = "Judul dirapikan redaktur"
    save(editor, article, data, button="_publish_proposal")
    live = Article.objects.get(pk=article.pk)
    assert live.lead == "Teras dari penulis." and live.title == "Judul dirapikan redaktur"
    assert Notification.objects.filter(user=world.penulis, action="approve_revision").exists()


def test_media_usage_never_names_another_agencys_item_to_a_writer(world):
    shared_photo = factories.make_image(world.other_pd)
    secret = make_article_in(world, "review", title="Rahasia PD lain", featured_image=shared_photo)
    outsider = client_for(world.penulis_other)
    page = outsider.get(f"/admin/media_library/image/{shared_photo.pk}/change/").content.decode()
    assert "Rahasia PD lain" not in page and f"/admin/articles/article/{secret.pk}/" not in page
    assert "PD lain" in page  # told that it is used, not by what
    editor = client_for(world.redaktur)
    page = editor.get(f"/admin/media_library/image/{shared_photo.pk}/change/").content.decode()
    assert "Rahasia PD lain" in page


def test_the_403_page_is_indonesian(world):
    writer = client_for(world.penulis)
    response = writer.get("/admin/taggit/tag/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="id"' in html and "Tidak diizinkan" in html


def test_a_withdrawn_article_cannot_get_a_share_link(world):
    article = make_article_in(world, "archived")
    with pytest.raises(workflow.ValidationError):
        sharelinks.create(world.redaktur, article)
    editor = client_for(world.redaktur)
    response = editor.post(f"/admin/articles/article/{article.pk}/share/", {"days": 7})
    assert response.status_code == 400 and "ditarik" in response.content.decode()
    assert not sharelinks.links_for(article).exists()


def test_a_crafted_save_as_new_is_a_plain_save(world):
    article = make_article_in(world, "draft")
    count = Article.objects.count()
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data["title"] = "Judul disimpan biasa"
    response = save(writer, article, data, button="_saveasnew")
    assert response.status_code == 302
    assert Article.objects.count() == count
    assert Article.objects.get(pk=article.pk).title == "Judul disimpan biasa"


def test_tags_differing_only_in_case_are_one_tag(world):
    article = make_article_in(world, "draft")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data["tags"] = "Pemkab, pemkab, PEMKAB"
    save(writer, article, data)
    assert len(Article.objects.get(pk=article.pk).tags.names()) == 1


def test_giving_a_role_lets_the_account_log_in(world):
    admin = client_for(world.admin)
    page = admin.get("/admin/auth/user/add/")
    data = read_form(page.content, "user_form")
    data.update(username="staf_baru", password1="Sandi-Kuat-2026!", password2="Sandi-Kuat-2026!")
    data["usable_password"] = "true"
    response = admin.post("/admin/auth/user/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="staf_baru")
    page = admin.get(f"/admin/auth/user/{user.pk}/change/")
    data = read_form(page.content, "user_form")
    data["groups"] = [str(Group.objects.get(name="Penulis").pk)]
    data.pop("is_staff", None)
    assert admin.post(f"/admin/auth/user/{user.pk}/change/", data).status_code == 302
    user.refresh_from_db()
    assert user.is_staff


def test_a_bylines_name_on_published_articles_cannot_be_changed_in_place(world):
    from articles.models import ArticleAuthor
    from authors.models import Author

    article = make_article_in(world, "published")
    byline = Author.objects.create(
        display_name="Wak Hedir", slug="wak-hedir", perangkat_daerah=world.pd
    )
    ArticleAuthor.objects.create(article=article, author=byline)
    editor = client_for(world.redaktur)
    page = editor.get(f"/admin/authors/author/{byline.pk}/change/")
    data = read_form(page.content, "author_form")
    assert "display_name" not in data and "slug" not in data
    data.update(display_name="Nama Diganti", slug="nama-diganti")
    editor.post(f"/admin/authors/author/{byline.pk}/change/", data)
    byline.refresh_from_db()
    assert (byline.display_name, byline.slug) == ("Wak Hedir", "wak-hedir")


@pytest.mark.parametrize("value", ["abc", "1.5", "99999999999999999999999", "-1", "٣"])
def test_tampered_ids_in_the_article_form_are_form_errors(world, value):
    article = make_article_in(world, "draft")
    writer = client_for(world.penulis)
    for field in ("category", "featured_image", "attachments"):
        html, data = open_form(writer, article)
        data[field] = value
        response = save(writer, article, data)
        assert response.status_code == 200, (field, response.status_code)
