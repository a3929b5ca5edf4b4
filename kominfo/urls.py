from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

admin.site.site_header = "Kominfo CMS"
admin.site.site_title = "Kominfo CMS"
admin.site.index_title = "Ruang redaksi"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("media-library/", include("media_library.urls")),
    path("pratinjau/", include("articles.urls_share")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
