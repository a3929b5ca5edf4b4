"""Outside testers' findings (issue 10, second round): bylines, body images, status panel."""

import pytest

from articles.models import ArticleAuthor
from authors.models import Author
from tests.formreader import read_form
from tests.workflow.helpers import make_article_in

from .pages import client_for

pytestmark = pytest.mark.django_db


def _byline_on(article, world):
    byline = Author.objects.create(
        display_name="Wak Hedir", slug="wak-hedir", bio="Bio lama.", perangkat_daerah=world.pd
    )
    ArticleAuthor.objects.create(article=article, author=byline)
    return byline


def test_a_writer_cannot_change_the_bio_of_a_byline_on_published_articles(world):
    byline = _byline_on(make_article_in(world, "published"), world)
    writer = client_for(world.penulis)
    url = f"/admin/authors/author/{byline.pk}/change/"
    page = writer.get(url)
    assert page.status_code == 200
    data = read_form(page.content, "author_form")
    assert "bio" not in data and "photo" not in data
    data["bio"] = "Teks tanpa tinjauan."  # a crafted POST
    writer.post(url, data)
    byline.refresh_from_db()
    assert byline.bio == "Bio lama."
    assert "Teks tanpa tinjauan." not in writer.get("/penulis/wak-hedir/").content.decode()


def test_an_editor_may_change_the_bio_of_a_byline_on_published_articles(world):
    byline = _byline_on(make_article_in(world, "published"), world)
    editor = client_for(world.redaktur)
    url = f"/admin/authors/author/{byline.pk}/change/"
    data = read_form(editor.get(url).content, "author_form")
    data["bio"] = "Bio baru dari redaktur."
    assert editor.post(url, data).status_code == 302
    byline.refresh_from_db()
    assert byline.bio == "Bio baru dari redaktur."


def test_a_writer_may_still_edit_a_byline_not_yet_on_live_content(world):
    byline = _byline_on(make_article_in(world, "draft"), world)
    writer = client_for(world.penulis)
    url = f"/admin/authors/author/{byline.pk}/change/"
    data = read_form(writer.get(url).content, "author_form")
    data["bio"] = "Bio baru."
    assert writer.post(url, data).status_code == 302
    byline.refresh_from_db()
    assert byline.bio == "Bio baru."
