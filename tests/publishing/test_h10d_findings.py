"""Outside testers' findings (issue 10, second round): bylines, body images, status panel."""

import pytest
from django.contrib import admin

from announcements.models import Announcement
from articles.models import ArticleAuthor
from authors.models import Author
from pages.models import Page
from publishing.forms import PublishableForm
from richtext.forms import RichTextBodyForm
from tests import factories
from tests.formreader import read_form
from tests.portal_pages.helpers import grant_content_permissions
from tests.workflow.helpers import make_article_in

from .pages import client_for, messages_of, open_form

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


def _item(kind, world, body="<p>Isi lama.</p>"):
    if kind == "article":
        return make_article_in(world, "draft", body=body)
    grant_content_permissions()
    model = {"page": Page, "announcement": Announcement}[kind]
    fields = {"title": f"Uji {kind}", "slug": f"uji-{kind}", "body": body}
    return model.objects.create(perangkat_daerah=world.pd, created_by=world.penulis, **fields)


def _post_body(client, item, body):
    opts = item._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = read_form(page.content, f"{opts.model_name}_form")
    data["body"] = body
    return client.post(url, data)


@pytest.mark.parametrize("kind", ["article", "page", "announcement"])
def test_a_writer_cannot_put_another_agencys_library_photo_into_a_body(world, kind):
    item = _item(kind, world)
    foreign = factories.make_image(world.other_pd)
    typed = f'<p>Isi baru.</p><img src="{foreign.file.url}" alt="x">'
    response = _post_body(client_for(world.penulis), item, typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "milik PD lain dan tidak dapat Anda pakai" in page
    assert "Isi baru." in page  # the typed text stays in the form
    item.refresh_from_db()
    assert foreign.file.url not in item.body and "Isi baru." not in item.body


@pytest.mark.parametrize("kind", ["article", "page", "announcement"])
def test_a_writer_may_use_own_photos_and_those_already_in_the_body(world, kind):
    foreign = factories.make_image(world.other_pd)
    already = f'<p>Lama.</p><img src="{foreign.file.url}" alt="x">'
    item = _item(kind, world, body=already)  # put there by a Redaktur
    own = factories.make_image(world.pd)
    typed = already + f'<p>Isi baru.</p><img src="{own.file.url}" alt="y">'
    response = _post_body(client_for(world.penulis), item, typed)
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert foreign.file.url in item.body and own.file.url in item.body


def test_an_editor_may_use_any_agencys_photo_in_a_body(world):
    item = _item("page", world)
    foreign = factories.make_image(world.other_pd)
    typed = f'<p>Isi baru.</p><img src="{foreign.file.url}" alt="x">'
    assert _post_body(client_for(world.redaktur), item, typed).status_code == 302


def test_every_content_form_with_a_body_checks_its_photos():
    forms = [
        model_admin.form
        for model, model_admin in admin.site._registry.items()
        if issubclass(model_admin.form, PublishableForm)
        and any(field.name == "body" for field in model._meta.get_fields())
    ]
    assert len(forms) >= 3
    assert all(issubclass(form, RichTextBodyForm) for form in forms), forms


def test_a_step_pressed_with_unsaved_edits_saves_them_first(world):
    """What static/js/draft_autosave.js posts when a status button is pressed while
    the form holds unsaved edits: the change form plus the step."""
    article = make_article_in(world, "draft")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data.update({"lead": "Teras yang baru diketik.", "_workflow_step": "submit"})
    response = writer.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"
    article.refresh_from_db()
    assert (article.lead, article.status) == ("Teras yang baru diketik.", "review")


def test_a_refused_step_keeps_the_saved_edits_and_says_why(world):
    article = make_article_in(world, "review")
    editor = client_for(world.redaktur)
    html, data = open_form(editor, article)
    data.update(
        {"title": "Judul dari redaktur", "_workflow_step": "schedule", "_workflow_step_when": ""}
    )
    response = editor.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="wf-schedule-errors"' in page
    assert "status tidak berubah" in messages_of(page).lower()
    article.refresh_from_db()
    assert (article.title, article.status) == ("Judul dari redaktur", "review")


def test_a_step_carried_with_a_proposal_saves_the_proposal_first(world):
    article = make_article_in(world, "published")
    editor = client_for(world.redaktur)
    html, data = open_form(editor, article)
    data.update(
        {
            "lead": "Teras usulan.",
            "_workflow_step": "unpublish",
            "_workflow_step_comment": "Salah data.",
        }
    )
    response = editor.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "archived"
    # The proposal was saved before the step ran (unpublishing then drops it, as always).
    dropped = article.revisions.get(state="superseded")
    assert "Teras usulan." in str(dropped.content)


def test_each_status_step_groups_its_own_fields_under_its_name(world):
    from lxml import html as lxml_html

    article = make_article_in(world, "review")
    page = client_for(world.redaktur).get(f"/admin/articles/article/{article.pk}/change/")
    doc = lxml_html.fromstring(page.content)
    steps = doc.xpath("//form[@class='wf-action']")
    assert len(steps) >= 3
    for step in steps:
        legend = step.xpath("./fieldset/legend")[0].text_content().strip()
        assert legend == step.xpath(".//button")[0].text_content().strip()
        for field in step.xpath(".//input[@type!='hidden'] | .//textarea"):
            labels = step.xpath(f".//label[@for='{field.get('id')}']")
            assert labels and labels[0].text_content().strip(), field.get("name")
    text = doc.text_content()
    assert ") (" not in text.split("Status")[1][:4000]  # no "(opsional) (WITA)"
    assert "Waktu berakhir, WITA (opsional)" in text


def test_saving_a_proposal_says_it_is_not_live_instead_of_changed_successfully(world):
    article = make_article_in(world, "published")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    data["lead"] = "Teras usulan penulis."
    response = writer.post(
        f"/admin/articles/article/{article.pk}/change/", {**data, "_continue": "1"}, follow=True
    )
    said = messages_of(response)
    assert "Usulan perubahan disimpan; belum tayang sampai disetujui." in said
    assert "berhasil diubah" not in said


def test_a_plain_save_says_edit_again_in_one_wording(world):
    article = make_article_in(world, "draft")
    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    response = writer.post(
        f"/admin/articles/article/{article.pk}/change/", {**data, "_continue": "1"}, follow=True
    )
    said = messages_of(response)
    assert "berhasil diubah. Anda dapat menyuntingnya kembali di bawah." in said


def test_the_administrators_index_names_every_app_in_indonesian(world):
    from lxml import html as lxml_html

    page = client_for(world.admin).get("/admin/")
    shown = lxml_html.fromstring(page.content).xpath("string(//div[@id='content-main'])").lower()
    for english in ("axes", "tasks database backend", "task results", "otp_totp", "totp devices"):
        assert english not in shown, english
    for indonesian in ("percobaan masuk", "tugas latar", "hasil tugas latar", "login dua langkah"):
        assert indonesian in shown, indonesian


def test_wording_of_dateline_and_menu_help(world):
    html, data = open_form(client_for(world.redaktur), make_article_in(world, "draft"))
    assert "SANGATTA" in html and "MATARAM" not in html
    menu = client_for(world.admin).get("/admin/site_settings/menuitem/add/")
    assert "Menu hanya memiliki dua tingkat" in menu.content.decode()
