from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("halaman/<path:path>/", views.page, name="page"),
    # After the articles URLs (/pd/<slug>/rss/ and /atom/ stay theirs).
    path("pd/<slug:pd>/<path:path>/", views.pd_page, name="pd_page"),
]
