from django.urls import path

from . import feeds, views

app_name = "announcements"
urlpatterns = [
    path("pengumuman/", views.announcement_list, name="list"),
    path("pengumuman/rss/", feeds.AnnouncementFeed(), name="rss"),
    path("pengumuman/atom/", feeds.AnnouncementAtomFeed(), name="atom"),
    path("pengumuman/<slug:slug>/", views.announcement_detail, name="detail"),
]
