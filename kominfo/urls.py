"""Root URLconf. Content apps' addresses are included by module path, so the project
package imports no content app (apps depend one way; a test checks the imports)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import admin_shortcut, health, media_serve, two_factor

admin.site.site_header = "Kominfo CMS"
admin.site.site_title = "Kominfo CMS"
admin.site.index_title = "Ruang redaksi"

handler404 = "articles.errors.not_found"
handler500 = "articles.errors.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin).
    path("favicon.ico", health.favicon),
    path("readyz", health.readyz, name="readyz"),
    path("admin/2fa/setup/", two_factor.setup, name="two_factor_setup"),
    path("admin/2fa/verify/", two_factor.verify, name="two_factor_verify"),
    # Before the admin's own r/<ct>/<id>/ (same name): scoped by the model's admin.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin_shortcut.view_on_site,
        name="admin_view_on_site",
    ),
    path("admin/", admin.site.urls),
    path("media-library/", include("media_library.urls")),
    path("", include("articles.urls_crawlers")),
    path("pratinjau/", include("articles.urls_share")),
    path("agenda/", include("agenda.urls")),
    path("galeri/", include("galleries.urls")),
    path("ppid/", include("ppid.urls")),
    path("", include("announcements.urls")),
    path("", include("articles.urls")),
    # After articles: /pd/<slug>/<page path>/ must not shadow /pd/<slug>/rss/.
    path("", include("pages.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.insert(
        0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", media_serve.serve_media)
    )
