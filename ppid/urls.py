from django.urls import path

from . import views

app_name = "ppid"
urlpatterns = [
    path("", views.register, name="register"),
    path("cetak/", views.printable, name="print"),
    path("daftar-informasi-publik.csv", views.export_csv, name="csv"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/unduh/", views.download, name="download"),
]
