from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import health, media_serve, two_factor

admin.site.site_header = "Kominfo CMS"
admin.site.site_title = "Kominfo CMS"
admin.site.index_title = "Ruang redaksi"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/2fa/setup/", two_factor.setup, name="two_factor_setup"),
    path("admin/2fa/verify/", two_factor.verify, name="two_factor_verify"),
    path("admin/", admin.site.urls),
    path("media-library/", include("media_library.urls")),
    path("pratinjau/", include("articles.urls_share")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.insert(
        0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", media_serve.serve_media)
    )
