from django.urls import path

from publishing.page_cache import public_page

from . import feeds, views

app_name = "announcements"
urlpatterns = [
    path("pengumuman/", views.announcement_list, name="list"),
    path("pengumuman/rss/", public_page(feeds.AnnouncementFeed(), query=()), name="rss"),
    path("pengumuman/atom/", public_page(feeds.AnnouncementAtomFeed(), query=()), name="atom"),
    path("pengumuman/<slug:slug>/", views.announcement_detail, name="detail"),
]
