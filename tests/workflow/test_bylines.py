"""A Penulis manages bylines for their own agency: adds one from the article form ("+"),
sees and edits only their agency's in the writers admin (others answer 404), and the byline
autocomplete offers their agency's writers first."""

import pytest
from django.contrib.auth.models import User

from authors.models import Author
from perangkat_daerah.roles import REDAKTUR
from tests import factories

from .helpers import change_data, change_url, make_article_in

pytestmark = pytest.mark.django_db


def author_in(pd, name):
    slug = f"{name.lower().replace(' ', '-')}-{pd.pk}"
    return Author.objects.create(display_name=name, slug=slug, perangkat_daerah=pd)


def test_penulis_gets_the_add_byline_button(client, world):
    client.force_login(world.penulis)
    page = client.get("/admin/articles/article/add/").content.decode()
    assert 'id="add_id_articleauthor_set-0-author"' in page


def test_penulis_creates_a_byline_for_their_agency(client, world):
    client.force_login(world.penulis)
    form = client.get("/admin/authors/author/add/?_to_field=id&_popup=1")
    assert form.status_code == 200
    data = {
        "display_name": "Wak Hedir",
        "slug": "wak-hedir",
        "bio": "",
        "perangkat_daerah": world.pd.pk,
        "user": world.penulis.pk,
        "_popup": "1",
        "_to_field": "id",
    }
    response = client.post("/admin/authors/author/add/?_to_field=id&_popup=1", data)
    assert response.status_code == 200, response.content.decode()[:500]
    author = Author.objects.get(slug="wak-hedir")
    assert author.perangkat_daerah == world.pd and author.user == world.penulis


@pytest.mark.parametrize("field", ["perangkat_daerah", "user"])
def test_penulis_cannot_file_a_byline_under_another_agency(client, world, field):
    client.force_login(world.penulis)
    data = {"display_name": "Penyusup", "slug": "penyusup", "perangkat_daerah": world.pd.pk}
    data[field] = world.other_pd.pk if field == "perangkat_daerah" else world.penulis_other.pk
    response = client.post("/admin/authors/author/add/", data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Author.objects.filter(slug="penyusup").exists()


def test_penulis_sees_and_edits_only_their_agency_bylines(client, world):
    mine = author_in(world.pd, "Wak Hedir")
    theirs = author_in(world.other_pd, "Penulis Lain")
    client.force_login(world.penulis)
    listing = client.get("/admin/authors/author/").content.decode()
    assert "Wak Hedir" in listing and "Penulis Lain" not in listing
    assert client.get(f"/admin/authors/author/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/authors/author/{theirs.pk}/change/").status_code == 404
    post = {"display_name": "Diubah", "slug": theirs.slug, "perangkat_daerah": world.pd.pk}
    assert client.post(f"/admin/authors/author/{theirs.pk}/change/", post).status_code == 404
    assert client.post(
        f"/admin/authors/author/{theirs.pk}/delete/", {"post": "yes"}
    ).status_code in (
        403,
        404,
    )
    theirs.refresh_from_db()
    assert theirs.display_name == "Penulis Lain"


def autocomplete(client, term=""):
    params = {
        "app_label": "articles",
        "model_name": "articleauthor",
        "field_name": "author",
        "term": term,
    }
    response = client.get("/admin/autocomplete/", params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_byline_autocomplete_is_scoped_for_penulis_and_own_agency_first_for_editors(client, world):
    author_in(world.other_pd, "Agus Lain")
    author_in(world.pd, "Zainal Sendiri")
    client.force_login(world.penulis)
    assert autocomplete(client) == ["Zainal Sendiri"]
    editor = factories.make_user(REDAKTUR, world.pd)
    client.force_login(editor)
    assert autocomplete(client) == ["Zainal Sendiri", "Agus Lain"]


def test_penulis_cannot_post_another_agency_byline_but_keeps_an_editor_set_one(client, world):
    article = make_article_in(world, "draft")
    theirs = author_in(world.other_pd, "Penulis Lain")
    client.force_login(world.penulis)
    data = change_data(
        article,
        **{
            "articleauthor_set-TOTAL_FORMS": "1",
            "articleauthor_set-0-author": theirs.pk,
            "articleauthor_set-0-order": "0",
        },
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert not article.authors.exists()
    # An editor names the other agency's writer; the Penulis can still save the article.
    article.articleauthor_set.create(author=theirs)
    row = article.articleauthor_set.get()
    article.refresh_from_db()
    data = change_data(
        article,
        title="Judul diperbarui",
        **{
            "articleauthor_set-TOTAL_FORMS": "1",
            "articleauthor_set-INITIAL_FORMS": "1",
            "articleauthor_set-0-id": row.pk,
            "articleauthor_set-0-article": article.pk,
            "articleauthor_set-0-author": theirs.pk,
            "articleauthor_set-0-order": "0",
        },
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "Judul diperbarui" and list(article.authors.all()) == [theirs]


def test_linked_account_choices_are_the_agency_members(client, world):
    client.force_login(world.penulis)
    form = client.get("/admin/authors/author/add/").context["adminform"].form
    assert set(form.fields["user"].queryset) == set(User.objects.filter(pk=world.penulis.pk))


def test_shared_bylines_without_agency_are_usable_but_not_editable_by_penulis(client, world):
    shared = Author.objects.create(display_name="Tim Humas", slug="tim-humas")
    author_in(world.other_pd, "Agus Lain")
    client.force_login(world.penulis)
    assert autocomplete(client) == ["Tim Humas"]
    page = client.get(f"/admin/authors/author/{shared.pk}/change/")
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    post = {"display_name": "Diubah", "slug": "tim-humas", "perangkat_daerah": world.pd.pk}
    client.post(f"/admin/authors/author/{shared.pk}/change/", post)
    shared.refresh_from_db()
    assert shared.display_name == "Tim Humas"
