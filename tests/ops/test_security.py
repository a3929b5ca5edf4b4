import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kominfo.models import AuditEvent
from perangkat_daerah.roles import PENULIS, REDAKTUR
from site_settings.models import SiteSettings
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_strict_csp_and_headers():
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_admin_csp_allows_only_inline_styles_for_the_editor():
    response = Client().get(reverse("admin:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "style-src 'self' 'unsafe-inline'" in csp


def test_media_is_never_served_as_html():
    default_storage.save("images/evil.html", ContentFile(b"<script>alert(1)</script>"))
    default_storage.save("images/evil.svg", ContentFile(b"<svg onload=alert(1)>"))
    client = Client()
    assert client.get("/media/images/evil.html").status_code == 404
    assert client.get("/media/images/evil.svg").status_code == 404
    assert client.get("/media/../kominfo/settings.py").status_code == 404
    image = f.make_image()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_documents_are_downloads():
    path = default_storage.save("documents/x.pdf", ContentFile(b"%PDF-1.4\n%%EOF"))
    response = Client().get(f"/media/{path}")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_login_is_locked_after_repeated_failures():
    from axes.utils import reset

    reset()
    User.objects.create_user("korban", password="benar-sekali-123", is_staff=True)
    client = Client()
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "korban", "password": "salah"})
    response = client.post(url, {"username": "korban", "password": "benar-sekali-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind="login_failed", username="korban").count() >= 3
    reset()


def test_password_validators_are_on():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")


def test_audit_log_records_login_role_pd_and_publish():
    pd = f.make_pd()
    user = f.make_user(PENULIS, pd, username="pencatat")
    client = Client()
    assert client.login(username="pencatat", password="pw")
    editor = f.make_user(REDAKTUR)
    from publishing import workflow

    article = f.make_article(pd=pd)
    workflow.publish(editor, article)
    workflow.unpublish(editor, article, "Salah data")
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"login", "role_changed", "pd_changed", "published", "unpublished"} <= kinds
    assert AuditEvent.objects.filter(kind="pd_changed", username=user.username).exists()
    assert AuditEvent.objects.filter(kind="unpublished", detail__contains="Salah data").exists()
    # Publishing events arrive through publishing.signals.transition_done.
    published = AuditEvent.objects.get(kind="published")
    assert (published.username, published.actor) == (editor.username, editor.username)
    assert published.detail == f"publish: {article.title}"


def test_audit_log_is_for_administrators_only():
    url = reverse("admin:kominfo_auditevent_changelist")
    redaktur_client = Client()
    redaktur_client.force_login(f.make_user(REDAKTUR))
    assert redaktur_client.get(url).status_code == 403
    admin_client = Client()
    admin_client.force_login(f.make_user("Administrator"))
    assert admin_client.get(url).status_code == 200


def _login_with_password(username):
    client = Client()
    assert client.login(username=username, password="pw")
    return client


def test_required_two_factor_sends_editors_to_setup_then_lets_them_in():
    site = SiteSettings.load()
    site.require_two_factor = True
    site.save()
    editor = f.make_user(REDAKTUR, username="redaksi2fa")
    client = _login_with_password("redaksi2fa")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == reverse("two_factor_setup")
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200 and b"data:image/svg+xml;base64," in page.content
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post(reverse("two_factor_setup"), {"token": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(confirmed=True).exists()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # wrong codes are throttled (brute force)
    device.throttle_reset()
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    ok = client.post(reverse("two_factor_setup"), {"token": token})
    assert ok.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_penulis_is_not_forced_but_a_configured_device_is_always_checked():
    site = SiteSettings.load()
    site.require_two_factor = True
    site.save()
    f.make_user(PENULIS, f.make_pd(), username="penulis2fa")
    client = _login_with_password("penulis2fa")
    assert client.get(reverse("admin:index")).status_code == 200

    admin_user = f.make_user("Administrator", username="admin2fa")
    TOTPDevice.objects.create(user=admin_user, name="hp", confirmed=True)
    site.require_two_factor = False
    site.save()
    client = _login_with_password("admin2fa")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("two_factor_verify") in response["Location"]


def test_favicon_ico_is_not_a_404():
    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
