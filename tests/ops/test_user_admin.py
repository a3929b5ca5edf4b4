"""Administrators manage users but can never grant or use superuser powers.

Driven over HTTP as the role would: real login, the form read from the page and
posted back, with values a browser would never send."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from perangkat_daerah.roles import ADMINISTRATOR, PENULIS, REDAKTUR
from tests import factories
from tests.html_forms import field_names, read_form, real_login, select_options
from tests.workflow.helpers import ensure_groups

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-uji-2026!"


def _user(username, *groups, **flags):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    for key, value in flags.items():
        setattr(user, key, value)
    user.save()
    return user


@pytest.fixture
def office():
    ensure_groups()
    groups_migration = importlib.import_module("kominfo.migrations.0002_groups")
    admin_group = Group.objects.get(name=ADMINISTRATOR)
    for code in groups_migration.ADMIN_EXTRA:  # user management, as the migration gives it
        app_label, codename = code.split(".")
        admin_group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    everything, _ = Group.objects.get_or_create(name="Semua izin")
    everything.permissions.set(Permission.objects.all())
    return {
        "admin": _user("kepala.admin", ADMINISTRATOR),
        "root": _user("akar", is_superuser=True),
        "penulis": _user("penulis.dinkes", PENULIS),
        "everything": everything,
    }


def _client(username):
    return real_login(Client(), username, PASSWORD)


def _change_url(user):
    return f"/admin/auth/user/{user.pk}/change/"


@pytest.mark.parametrize(("target", "role"), [("admin", ADMINISTRATOR), ("penulis", REDAKTUR)])
def test_administrator_cannot_tick_superuser_or_grant_permissions(office, target, role):
    client = _client("kepala.admin")
    user = office[target]
    page = client.get(_change_url(user))
    names = field_names(page)
    assert {"username", "is_staff", "is_active", "groups"} <= names
    assert "is_superuser" not in names and "user_permissions" not in names
    assert set(select_options(page, "groups")) == {PENULIS, REDAKTUR, ADMINISTRATOR}

    # A group outside the roles, posted by hand, is refused with a message.
    data = read_form(page, "user_form")
    data["groups"] = data.get("groups", []) + [str(office["everything"].pk)]
    response = client.post(_change_url(user), data)
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not user.groups.filter(pk=office["everything"].pk).exists()

    # is_superuser and user_permissions posted by hand are ignored; the rest is saved.
    data = read_form(client.get(_change_url(user)), "user_form")
    data.update(
        is_superuser=["on"],
        user_permissions=[str(pk) for pk in Permission.objects.values_list("pk", flat=True)],
        groups=[str(Group.objects.get(name=role).pk)],
        first_name=["Ayu Ñoman <script>alert(1)</script>"],
    )
    for _ in range(2):  # save twice
        response = client.post(_change_url(user), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.is_superuser is False
    assert not user.user_permissions.exists()
    assert set(user.groups.values_list("name", flat=True)) == {role}
    assert user.first_name == "Ayu Ñoman <script>alert(1)</script>"  # plain text, escaped
    listing = client.get("/admin/auth/user/?q=Ayu").content.decode()
    assert "Ayu Ñoman &lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert "<script>alert(1)" not in listing
    assert not user.has_perm("auth.delete_user")


def test_groups_a_superuser_gave_are_kept_when_an_administrator_saves(office):
    penulis = office["penulis"]
    penulis.groups.add(office["everything"])
    client = _client("kepala.admin")
    data = read_form(client.get(_change_url(penulis)), "user_form")
    assert client.post(_change_url(penulis), data).status_code == 302
    assert set(penulis.groups.values_list("name", flat=True)) == {PENULIS, "Semua izin"}


def test_new_account_cannot_be_created_as_superuser(office):
    client = _client("kepala.admin")
    data = read_form(client.get("/admin/auth/user/add/"), "user_form")
    data.update(
        username=["humas.baru"],
        password1=["Sandi-baru-2026!"],
        password2=["Sandi-baru-2026!"],
        is_superuser=["on"],
        user_permissions=[str(Permission.objects.get(codename="delete_user").pk)],
    )
    response = client.post("/admin/auth/user/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="humas.baru")
    assert created.is_superuser is False and not created.user_permissions.exists()


def test_superuser_account_is_invisible_to_an_administrator(office):
    root = office["root"]
    client = _client("kepala.admin")
    listing = client.get("/admin/auth/user/?q=")
    assert listing.status_code == 200
    assert "kepala.admin" in listing.content.decode()
    assert "akar" not in listing.content.decode()
    base = f"/admin/auth/user/{root.pk}"
    for url in (f"{base}/change/", f"{base}/password/", f"{base}/history/", f"{base}/delete/"):
        assert client.get(url).status_code == 404, url

    # Posting to the pages directly changes nothing either.
    token = read_form(client.get("/admin/auth/user/add/"), "user_form")["csrfmiddlewaretoken"]
    posts = {
        f"{base}/password/": {"password1": ["Direbut-2026!"], "password2": ["Direbut-2026!"]},
        f"{base}/change/": {"username": ["akar"], "is_active": [""]},
        f"{base}/delete/": {"post": ["yes"]},
    }
    for url, data in posts.items():
        assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 404, url
    root.refresh_from_db()
    assert root.is_active and root.check_password(PASSWORD)
    assert User.objects.filter(pk=root.pk, is_superuser=True).exists()


def test_superuser_still_manages_superuser_powers(office):
    client = _client("akar")
    penulis = office["penulis"]
    page = client.get(_change_url(penulis))
    assert {"is_superuser", "user_permissions"} <= field_names(page)
    data = read_form(page, "user_form")
    data["is_superuser"] = ["on"]
    assert client.post(_change_url(penulis), data).status_code == 302
    penulis.refresh_from_db()
    assert penulis.is_superuser is True


@pytest.mark.parametrize("role", [PENULIS, REDAKTUR])
def test_writers_and_editors_cannot_reach_user_admin(office, role):
    factories.make_user(role, username=f"uji.{role.lower()}")
    user = User.objects.get(username=f"uji.{role.lower()}")
    user.set_password(PASSWORD)
    user.save()
    client = _client(user.username)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(_change_url(office["penulis"])).status_code == 403
    assert client.get(f"/admin/auth/user/{office['root'].pk}/password/").status_code == 404
