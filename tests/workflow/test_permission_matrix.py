"""Every cell of the permission matrix, through real HTTP requests to the admin.

role × action × article state → outcome. The table below is the rule book
(DESIGN.md, "Editorial workflow"); each cell is one test that sends the request a
browser (or a crafted POST) would send and checks both the answer and the database.

Outcomes:
  ok     done: the answer is 200/302 and the effect is in the database
  pend   (edit of a published article, by anyone) saved as a pending revision, the
         live article row is untouched: only a logged approval changes what is public
  deny   403, nothing changed
  hide   404 (another PD's article is invisible), nothing changed
  login  redirect to the login page, nothing changed
  bad    400: the action is not possible in this state, nothing changed
  refuse (create) the form is shown again with an error, nothing created
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from publishing.models import Revision, ShareLink

from .helpers import admin_url, change_data, change_url, make_article_in

STATES = ("draft", "review", "published", "archived")
ROLES = ("penulis_own", "penulis_other", "redaktur", "admin", "anon")

# fmt: off
#            state:       draft   review  published archived
MATRIX = {
    "view": {
        "penulis_own":   "ok      ok      ok        ok",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      ok        ok",
        "admin":         "ok      ok      ok        ok",
        "anon":          "login   login   login     login",
    },
    "create": {
        "penulis_own":   "ok      ok      ok        ok",
        "penulis_other": "refuse  refuse  refuse    refuse",  # crafted: into a PD not theirs
        "redaktur":      "ok      ok      ok        ok",
        "admin":         "ok      ok      ok        ok",
        "anon":          "login   login   login     login",
    },
    "edit": {
        "penulis_own":   "ok      ok      pend      ok",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      pend      ok",
        "admin":         "ok      ok      pend      ok",
        "anon":          "login   login   login     login",
    },
    "submit": {
        "penulis_own":   "ok      bad     bad       bad",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      bad     bad       bad",
        "admin":         "ok      bad     bad       bad",
        "anon":          "login   login   login     login",
    },
    "withdraw": {
        "penulis_own":   "bad     ok      bad       bad",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "bad     ok      bad       bad",
        "admin":         "bad     ok      bad       bad",
        "anon":          "login   login   login     login",
    },
    "request_changes": {
        "penulis_own":   "deny    deny    deny      deny",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "bad     ok      bad       bad",
        "admin":         "bad     ok      bad       bad",
        "anon":          "login   login   login     login",
    },
    "publish": {
        "penulis_own":   "deny    deny    deny      deny",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      bad       bad",
        "admin":         "ok      ok      bad       bad",
        "anon":          "login   login   login     login",
    },
    "schedule": {
        "penulis_own":   "deny    deny    deny      deny",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      bad       bad",
        "admin":         "ok      ok      bad       bad",
        "anon":          "login   login   login     login",
    },
    "unpublish": {
        "penulis_own":   "deny    deny    deny      deny",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "bad     bad     ok        bad",
        "admin":         "bad     bad     ok        bad",
        "anon":          "login   login   login     login",
    },
    "restore": {
        "penulis_own":   "deny    deny    deny      deny",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "bad     bad     bad       ok",
        "admin":         "bad     bad     bad       ok",
        "anon":          "login   login   login     login",
    },
    "delete": {
        "penulis_own":   "ok      ok      deny      deny",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      deny      deny",
        "admin":         "ok      ok      ok        ok",
        "anon":          "login   login   login     login",
    },
    "history": {
        "penulis_own":   "ok      ok      ok        ok",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      ok        ok",
        "admin":         "ok      ok      ok        ok",
        "anon":          "login   login   login     login",
    },
    "preview": {
        "penulis_own":   "ok      ok      ok        ok",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      ok        ok",
        "admin":         "ok      ok      ok        ok",
        "anon":          "login   login   login     login",
    },
    "share": {
        "penulis_own":   "deny    deny    deny      deny",
        "penulis_other": "hide    hide    hide      hide",
        "redaktur":      "ok      ok      ok        bad",
        "admin":         "ok      ok      ok        bad",
        "anon":          "login   login   login     login",
    },
}
# fmt: on

CELLS = [
    pytest.param(action, role, state, outcome, id=f"{action}-{role}-{state}")
    for action, by_role in MATRIX.items()
    for role, row in by_role.items()
    for state, outcome in zip(STATES, row.split(), strict=True)
]

WORKFLOW_ACTIONS = {
    "submit": "review",
    "withdraw": "draft",
    "request_changes": "draft",
    "publish": "published",
    "schedule": "published",
    "unpublish": "archived",
    "restore": "draft",
}


def test_matrix_covers_every_role_action_and_state():
    assert set(MATRIX) == {
        "view",
        "create",
        "edit",
        "submit",
        "withdraw",
        "request_changes",
        "publish",
        "schedule",
        "unpublish",
        "restore",
        "delete",
        "history",
        "preview",
        "share",
    }
    assert all(set(rows) == set(ROLES) for rows in MATRIX.values())
    assert len(CELLS) == len(MATRIX) * len(ROLES) * len(STATES)


def perform(client, action, article, world, user):
    """Send the request for ``action``; crafted fields ride along where a browser could add them."""
    if action in ("view", "history", "preview"):
        suffix = {"view": "change/", "history": "history/", "preview": "preview/"}[action]
        return client.get(admin_url(article, suffix))
    if action == "create":
        target_pd = world.other_pd if user is world.penulis_other else world.pd
        if user is world.penulis_other:
            target_pd = world.pd  # not theirs: the form must refuse it
        data = change_data(
            article,
            title="Berita baru",
            slug=f"berita-baru-{article.pk}",
            perangkat_daerah=target_pd.pk,
            status="published",
            published_at="2020-01-01 10:00",
        )
        data.pop("loaded_version")
        return client.post("/admin/articles/article/add/", data)
    if action == "edit":
        data = change_data(
            article,
            title="Judul diubah",
            status="published",
            published_at="2020-01-01 10:00",
            first_published_at="2020-01-01 10:00",
            version="999",
        )
        return client.post(change_url(article), data)
    if action == "delete":
        return client.post(admin_url(article, "delete/"), {"post": "yes"})
    if action == "share":
        return client.post(admin_url(article, "share/"), {"days": "7"})
    data = {"action": action, "comment": "Tolong perbaiki judul."}
    if action == "schedule":
        when = timezone.localtime() + timedelta(days=2)
        data["when"] = when.strftime("%Y-%m-%dT%H:%M")
    return client.post(admin_url(article, "workflow/"), data)


@pytest.mark.parametrize(("action", "role", "state", "outcome"), CELLS)
def test_permission_cell(client, world, action, role, state, outcome):
    article = make_article_in(world, state)
    before = Article.objects.get(pk=article.pk)
    articles_before = Article.objects.count()
    user = world.user(role)
    if user is not None:
        client.force_login(user)

    response = perform(client, action, article, world, user)

    after = Article.objects.filter(pk=article.pk).first()
    unchanged = after is not None and (after.status, after.title, after.version) == (
        before.status,
        before.title,
        before.version,
    )
    if outcome == "login":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        assert unchanged and Article.objects.count() == articles_before
        return
    if outcome in ("deny", "hide", "bad"):
        expected = {"deny": 403, "hide": 404, "bad": 400}[outcome]
        assert response.status_code == expected
        assert unchanged
        assert Article.objects.count() == articles_before
        assert not ShareLink.objects.exists()
        return
    if outcome == "refuse":
        assert response.status_code == 200
        assert Article.objects.count() == articles_before
        return
    if outcome == "pend":
        assert response.status_code == 302
        # The live content is untouched; only the concurrency token moves on.
        assert (after.status, after.title, after.body) == (before.status, before.title, before.body)
        assert after.version == before.version + 1
        pending = Revision.objects.get(article=article, state=Revision.State.PENDING)
        assert pending.content["title"] == "Judul diubah"
        return

    # outcome == "ok"
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    if action in ("view", "history", "preview"):
        assert response.status_code == 200
        assert article.title in response.content.decode()
        if action == "preview":
            assert "noindex" in response["X-Robots-Tag"]
    elif action == "create":
        assert response.status_code == 302
        created = Article.objects.get(title="Berita baru")
        assert created.status == Article.Status.DRAFT and created.published_at is None
        assert created.perangkat_daerah == world.pd
    elif action == "edit":
        assert response.status_code == 302
        assert after.title == "Judul diubah"
        # crafted status / published_at / version were ignored
        assert after.status == before.status
        assert after.published_at == before.published_at
        assert after.version == before.version + 1
    elif action == "delete":
        assert response.status_code == 302
        assert after is None
    elif action == "share":
        assert response.status_code == 302
        assert ShareLink.objects.filter(article=article, created_by=user).count() == 1
    else:
        assert response.status_code == 302
        assert after.status == WORKFLOW_ACTIONS[action]
        log = after.transitions.first()
        assert log.actor == user and log.from_status == before.status
        if action == "schedule":
            assert after.is_scheduled and not Article.objects.live().filter(pk=article.pk).exists()
        if action == "publish":
            assert Article.objects.live().filter(pk=article.pk).exists()
