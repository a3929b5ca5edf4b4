"""No crafted request makes the admin answer 500.

Every registered changelist (discovered from ``admin.site._registry``, nothing
hard-coded) is requested with NUL bytes, huge numbers and non-numeric ids in each
of its filter parameters, in ``q``, ordering and paging; so is the autocomplete
view for every autocomplete field; logged in as each role.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse

from perangkat_daerah.roles import ADMINISTRATOR, PENULIS, REDAKTUR
from tests import factories
from tests.workflow.helpers import ensure_groups

HOSTILE = ["a\x00b", "9" * 30, "-99999999999999999999", "abc", "1e400", "٣"]
ROLES = [PENULIS, REDAKTUR, ADMINISTRATOR, "superuser"]


@pytest.fixture
def users(db):
    ensure_groups()
    pd = factories.make_pd()
    article = factories.make_article(pd=pd)
    article.tags.add("Banjir")
    result = {}
    for role in ROLES:
        user = factories.make_user(PENULIS if role == "superuser" else role, pd)
        if role == "superuser":
            user.is_superuser = True
            user.save()
        result[role] = user
    return result


def filter_parameters(model_admin, user):
    """The query parameters the changelist's own filters read, plus paging/order/search."""
    request = RequestFactory().get("/")
    request.user = superuser_like(user)
    names = {"q", "o", "p", "e", "_to_field", "_popup"}
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:  # pragma: no cover - empty query cannot be incorrect
        return sorted(names)
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    if model_admin.date_hierarchy:
        field = model_admin.date_hierarchy
        names.update(f"{field}__{part}" for part in ("year", "month", "day"))
    return sorted(names)


def superuser_like(user):
    user.is_superuser = True
    return user


def changelists():
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            continue
        yield model_admin, url


def autocomplete_targets():
    """(app_label, model_name, field_name) of every autocomplete field, inlines included."""
    for model, model_admin in admin.site._registry.items():
        admins = [model_admin] + [inline(model, admin.site) for inline in model_admin.inlines]
        for each in admins:
            for field_name in each.autocomplete_fields:
                opts = each.model._meta
                yield opts.app_label, opts.model_name, field_name


def test_the_walk_covers_the_admin(users):
    urls = [url for _, url in changelists()]
    assert "/admin/articles/article/" in urls and "/admin/authors/author/" in urls
    article_admin = admin.site._registry[factories.Article]
    assert "status__exact" in filter_parameters(article_admin, factories.make_user(REDAKTUR))
    assert ("articles", "article", "featured_image") in set(autocomplete_targets())


@pytest.mark.parametrize("role", ROLES)
def test_no_changelist_answers_500_to_hostile_parameters(users, role):
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    failures = []
    for model_admin, url in changelists():
        for name in filter_parameters(model_admin, factories.make_user(REDAKTUR)):
            for value in HOSTILE:
                response = client.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append((url, name, repr(value), response.status_code))
    assert not failures, "\n".join(map(repr, failures))


@pytest.mark.parametrize("role", ROLES)
def test_autocomplete_never_answers_500(users, role):
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    failures = []
    targets = list(autocomplete_targets())
    assert targets
    for app_label, model_name, field_name in targets:
        base = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        for value in HOSTILE:
            for params in (
                {**base, "term": value},
                {**base, "term": "a", "page": value},
                {**base, "field_name": value},
                {**base, "model_name": value},
            ):
                response = client.get("/admin/autocomplete/", params)
                if response.status_code >= 500:
                    failures.append((params, response.status_code))
    assert not failures, "\n".join(map(repr, failures))


def test_nul_bytes_are_a_clear_400(users):
    client = Client()
    client.force_login(users[REDAKTUR])
    response = client.get("/admin/articles/article/", {"status__exact": "\x00"})
    assert response.status_code == 400
    assert "karakter yang tidak sah" in response.content.decode()
    response = client.post("/admin/articles/article/add/", {"title": "Judul\x00"})
    assert response.status_code == 400
    # Public search cleans its own query and still answers with a page.
    assert client.get("/cari/", {"q": "banjir\x00"}).status_code == 200


@pytest.mark.parametrize("value", ["abc", "9" * 30, "-1", "1.5", "\u0663"])
@pytest.mark.parametrize("field", ["featured_image", "category", "attachments"])
def test_posting_bad_ids_to_the_article_form_is_a_form_error(users, field, value):
    client = Client()
    client.force_login(users[REDAKTUR])
    pd = users[REDAKTUR].perangkat_daerah.get()
    data = {
        "title": "Judul uji",
        "slug": "judul-uji",
        "perangkat_daerah": pd.pk,
        "tags": "",
        field: value,
    }
    for prefix in ("articleauthor_set", "galleryitem_set"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]


@pytest.mark.parametrize("role", ROLES)
def test_no_object_page_answers_500_to_hostile_ids(users, role):
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    failures = []
    for _model_admin, url in changelists():
        for value in ("abc", "9" * 30, "-1", "1e400", "\u0663", "%25"):
            for suffix in ("change/", "delete/", "history/"):
                response = client.get(f"{url}{value}/{suffix}")
                if response.status_code >= 500:
                    failures.append((url, value, suffix, response.status_code))
    assert not failures, "\n".join(map(repr, failures))
