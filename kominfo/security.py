"""Security headers for every response.

A small path-based middleware rather than django-csp: the policy differs only
between the public site (strict, no 'unsafe-inline' anywhere) and the admin,
where CKEditor 5 injects <style> elements and Django's admin uses style
attributes, so style-src there also allows 'unsafe-inline'. Scripts are
'self' only everywhere: no inline script runs on any page.
"""

from urllib.parse import urlsplit

from django.conf import settings

# Click-to-load videos in article bodies (articles/body_render.py) are the only frames.
EMBED_HOSTS = "https://www.youtube-nocookie.com"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def _media_origin():
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def build_policy(admin):
    media = _media_origin()
    img = " ".join(filter(None, ["'self'", "data:", "blob:" if admin else "", media]))
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'" if admin else "style-src 'self'",
        f"img-src {img}",
        "font-src 'self'",
        "connect-src 'self'",
        f"frame-src {EMBED_HOSTS}",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    if getattr(settings, "SECURE_SSL_REDIRECT", False):
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = build_policy(admin=False)
        self.admin_policy = build_policy(admin=True)
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            is_admin = request.path.startswith(self.admin_prefix)
            response["Content-Security-Policy"] = (
                self.admin_policy if is_admin else self.public_policy
            )
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-site")
        return response
