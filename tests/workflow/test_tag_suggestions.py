"""The tag field suggests existing tags, scoped: a Penulis is offered tags that are public
(on a live article) or used by their own agency, never tags that exist only on another
agency's drafts."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from publishing import workflow
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/tags/suggest/"


@pytest.fixture
def tagged(world):
    public = factories.make_article(pd=world.other_pd)
    public.tags.add("Banjir Bandang", "Pasca Banjir")
    workflow.publish(world.redaktur, public, when=timezone.now() - timedelta(hours=1))
    factories.make_article(pd=world.other_pd).tags.add("Banjir Rahasia Dinas Lain")
    factories.make_article(pd=world.pd).tags.add("Banjir Lokal", "Jembatan")
    return world


def suggest(client, term):
    response = client.get(URL, {"q": term})
    assert response.status_code == 200
    return response.json()["results"]


def test_penulis_gets_public_and_own_agency_tags_only(client, tagged):
    client.force_login(tagged.penulis)
    assert suggest(client, "banjir") == ["Banjir Bandang", "Banjir Lokal", "Pasca Banjir"]
    assert suggest(client, "Rahasia") == []
    assert suggest(client, "jemb") == ["Jembatan"]


def test_penulis_of_the_other_agency_sees_their_own_draft_tags(client, tagged):
    client.force_login(tagged.penulis_other)
    assert "Banjir Rahasia Dinas Lain" in suggest(client, "banjir")
    assert suggest(client, "Jembatan") == []  # the first agency's draft tag


def test_editors_get_every_tag(client, tagged):
    client.force_login(tagged.redaktur)
    assert suggest(client, "rahasia") == ["Banjir Rahasia Dinas Lain"]


def test_empty_long_and_odd_terms(client, tagged):
    client.force_login(tagged.penulis)
    assert suggest(client, "") == []
    assert suggest(client, "   ") == []
    assert suggest(client, "x" * 5000) == []
    assert suggest(client, "%") == [] and suggest(client, "_") == []
    assert client.get(URL, {"q": "ban\x00"}).status_code == 400


def test_only_article_writers_may_ask(client, tagged):
    assert client.get(URL, {"q": "banjir"}).status_code == 302  # to the login page
    nobody = User.objects.create_user("tamu", "tamu@example.org", "pw", is_staff=True)
    client.force_login(nobody)
    assert client.get(URL, {"q": "banjir"}).status_code == 403


def test_suggestions_cost_a_fixed_number_of_queries(client, tagged, django_assert_num_queries):
    client.force_login(tagged.penulis)
    suggest(client, "banjir")  # warm the content type cache
    for n in range(20):  # more tags and articles do not cost more queries
        factories.make_article(pd=tagged.pd).tags.add(f"Banjir {n}")
    # session, user, OTP device, groups, 2 × permissions, PDs, then one query for the tags
    with django_assert_num_queries(8):
        suggest(client, "banjir")


def test_the_form_field_asks_the_endpoint_and_loads_the_script(client, tagged):
    client.force_login(tagged.penulis)
    page = client.get("/admin/articles/article/add/").content.decode()
    assert f'data-tag-suggest="{URL}"' in page
    assert "js/tag_suggest.js" in page
