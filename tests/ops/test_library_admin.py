"""Admin views that django-otp and django-axes register: a Penulis or Redaktur reaches
none of them (403/404, never 200, never 500), and nobody reads a TOTP secret there.

The URLs are not a hand-kept list: every URL pattern of every ModelAdmin those
libraries registered is walked, with the ids of another user's objects, the
user's own objects and an id that does not exist."""

import re
import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from perangkat_daerah.roles import PENULIS, REDAKTUR
from tests import factories
from tests.html_forms import read_form, real_login
from tests.workflow.helpers import ensure_groups

pytestmark = pytest.mark.django_db

LIBRARIES = ("django_otp", "axes")
PASSWORD = "Sandi-uji-2026!"
MISSING_ID = "987654"


def library_admins():
    found = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if any(cls.__module__.split(".")[0] in LIBRARIES for cls in type(model_admin).__mro__)
    ]
    labels = {model._meta.label for model, _ in found}
    # If a library's admin is switched off or renamed, this test must be revisited.
    assert {"otp_totp.TOTPDevice", "axes.AccessAttempt", "axes.AccessLog"} <= labels, labels
    return found


def admin_urls(model, model_admin, ids):
    """Every URL of the ModelAdmin, each object-id placeholder filled with each id."""
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    urls = {f"/admin/{model._meta.app_label}/"}
    for pattern in model_admin.urls:
        route = str(pattern.pattern)
        if "<" not in route:
            urls.add(base + route)
            continue
        for object_id in ids:
            urls.add(base + re.sub(r"<[^>]+>", str(object_id), route))
    return sorted(urls)


def _user(username, role, pd=None):
    user = factories.make_user(role, pd, username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def records():
    ensure_groups()
    pd = factories.make_pd()
    penulis = _user("penulis.uji", PENULIS, pd)
    redaktur = _user("redaktur.uji", REDAKTUR)
    victim = User.objects.create_user("korban", "korban@example.org", PASSWORD, is_staff=True)
    others = {
        TOTPDevice: TOTPDevice.objects.create(user=victim, name="HP korban", confirmed=True),
        AccessAttempt: AccessAttempt.objects.create(
            username="korban",
            ip_address="10.0.0.9",
            user_agent="uji",
            http_accept="*/*",
            path_info="/admin/login/",
            get_data="",
            post_data="username=korban",
            failures_since_start=4,
        ),
        AccessLog: AccessLog.objects.create(
            username="korban", ip_address="10.0.0.9", user_agent="uji", http_accept="*/*"
        ),
        AccessFailureLog: AccessFailureLog.objects.create(
            username="korban", ip_address="10.0.0.9", user_agent="uji", http_accept="*/*"
        ),
    }
    own = {
        TOTPDevice: [
            TOTPDevice.objects.create(user=user, name="HP sendiri", confirmed=True)
            for user in (penulis, redaktur)
        ]
    }
    return {"others": others, "own": own, "victim": victim}


def login_with_code(username):
    """Password, then the current code of the user's own authenticator (/admin/2fa/verify/)."""
    client = real_login(Client(), username, PASSWORD)
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    data = read_form(client.get("/admin/2fa/verify/"))
    data["token"] = [f"{totp.token():0{device.digits}d}"]
    response = client.post("/admin/2fa/verify/", data)
    assert response.status_code == 302, response.content.decode()[:1000]
    assert client.get("/admin/").status_code == 200
    return client


@pytest.mark.parametrize("username", ["penulis.uji", "redaktur.uji"])
def test_writer_and_editor_reach_no_library_admin_view(records, username):
    client = login_with_code(username)
    token = read_form(client.get("/admin/"))["csrfmiddlewaretoken"][0]
    walked = 0
    for model, model_admin in library_admins():
        ids = [getattr(records["others"].get(model), "pk", None), MISSING_ID]
        ids += [obj.pk for obj in records["own"].get(model, [])]
        for url in admin_urls(model, model_admin, [i for i in ids if i is not None]):
            # Followed: the admin's "<id>/" shortcut redirects to "<id>/change/".
            response = client.get(url, follow=True)
            assert response.status_code in (403, 404), (url, response.redirect_chain)
            response = client.post(url, {"csrfmiddlewaretoken": token, "post": "yes"}, follow=True)
            assert response.status_code in (403, 404), ("POST", url, response.redirect_chain)
            walked += 1
        # The bulk actions of the changelist (delete, axes' cleanup) are refused too.
        others = records["others"].get(model)
        if others is not None:
            for action in ("delete_selected", "cleanup_expired_attempts"):
                response = client.post(
                    f"/admin/{model._meta.app_label}/{model._meta.model_name}/",
                    {
                        "csrfmiddlewaretoken": token,
                        "action": action,
                        "_selected_action": [others.pk],
                        "post": "yes",
                    },
                )
                assert response.status_code in (403, 404), (action, response.status_code)
    assert walked >= 20
    for model, obj in records["others"].items():
        assert model.objects.filter(pk=obj.pk).exists()
    device = records["others"][TOTPDevice]
    assert TOTPDevice.objects.get(pk=device.pk).key == device.key


def test_admin_index_lists_no_library_models_for_a_writer(records):
    page = login_with_code("penulis.uji").get("/admin/").content.decode()
    for fragment in ("/admin/otp_totp/", "/admin/axes/"):
        assert fragment not in page


def test_nobody_reads_a_totp_secret_in_the_admin(records):
    """Even a superuser: the secret stays on the user's phone (enrolment is /admin/2fa/setup/)."""
    User.objects.create_superuser("akar", "akar@example.org", PASSWORD)
    client = real_login(Client(), "akar", PASSWORD)
    device = records["others"][TOTPDevice]
    base = f"/admin/otp_totp/totpdevice/{device.pk}"
    change = client.get(f"{base}/change/")
    assert change.status_code == 200  # the walk above would be vacuous if this were a 404
    assert device.key not in change.content.decode()
    assert client.get(f"{base}/config/").status_code == 403
    assert client.get(f"{base}/qrcode/").status_code == 403
    assert client.get(f"/admin/otp_totp/totpdevice/{MISSING_ID}/config/").status_code == 403
    assert client.get("/admin/axes/accessattempt/").status_code == 200
