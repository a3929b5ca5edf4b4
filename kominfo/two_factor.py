"""TOTP two-factor login for the admin (django-otp).

A user who has a confirmed authenticator must enter its code after the password.
When an Administrator turns on "require two-factor login for editors" in the site
settings, Redaktur and Administrator accounts without one are sent to set it up
before they can use the admin.
"""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from perangkat_daerah.roles import is_editor
from site_settings.models import SiteSettings

from .models import AuditEvent


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_required(user):
    return is_editor(user) and SiteSettings.load().require_two_factor


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit() or not self.device or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("The code is wrong or has expired. Try the current code.")
            )
        return token


def _qr_data_uri(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def setup(request):
    from .audit import record

    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        record(
            AuditEvent.Kind.TWO_FACTOR,
            request.user.get_username(),
            "authenticator set up",
            request=request,
        )
        return redirect("admin:index")
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "title": _("Set up two-factor login"),
        "required": two_factor_required(request.user),
    }
    return render(request, "admin/two_factor/setup.html", context)


@login_required
def verify(request):
    device = confirmed_device(request.user)
    if device is None:
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(request.GET.get("next") or "admin:index")
    return render(
        request, "admin/two_factor/verify.html", {"form": form, "title": _("Two-factor login")}
    )


class TwoFactorMiddleware:
    """Placed after django_otp's OTPMiddleware. Guards every admin URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path first: asking a public request for its user would read the session,
        # which makes every public page vary on Cookie (no shared cache could keep it).
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self._exempt(request.path)
        ):
            if confirmed_device(user) is not None:
                return redirect(f"{reverse('two_factor_verify')}?next={request.path}")
            if two_factor_required(user):
                return redirect("two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _exempt(path):
        exempt = (
            reverse("two_factor_setup"),
            reverse("two_factor_verify"),
            reverse("admin:logout"),
            reverse("admin:login"),
            reverse("admin:jsi18n"),
        )
        return path in exempt
