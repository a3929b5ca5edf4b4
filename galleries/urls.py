from django.urls import path

from . import views

app_name = "galleries"
urlpatterns = [
    path("", views.index, name="index"),
    path("foto/<slug:slug>/", views.album, name="album"),
    path("video/<slug:slug>/", views.video, name="video"),
]
