from django.urls import path

from . import feeds, views

app_name = "agenda"
urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("kategori/<slug:category>/", views.upcoming, name="category"),
    path("kalender/", views.this_month, name="calendar"),
    path("kalender/<int:year>/<int:month>/", views.month, name="month"),
    path("agenda.ics", views.ical_all, name="ical"),
    path("rss/", feeds.AgendaFeed(), name="rss"),
    path("atom/", feeds.AgendaAtomFeed(), name="atom"),
    path("pd/<slug:slug>/", views.upcoming_agency, name="agency"),
    path("pd/<slug:slug>/rss/", feeds.AgendaFeed(), name="agency_rss"),
    path("pd/<slug:slug>/atom/", feeds.AgendaAtomFeed(), name="agency_atom"),
    path("pd/<slug:slug>/agenda.ics", views.ical_agency, name="ical_agency"),
    path("<slug:slug>/", views.detail, name="detail"),
]
