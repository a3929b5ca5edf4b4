from django.urls import path

from . import views

app_name = "media_library"
urlpatterns = [
    path("editor-upload/", views.editor_upload, name="editor_upload"),
    path(
        "dokumen/<int:pk>/<slug:key>/",
        views.document_download,
        name="document_download",
    ),
]
