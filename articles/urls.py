from django.urls import path, register_converter

from publishing.page_cache import public_page

from . import feeds, views
from .converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("berita/<slug:slug>/", views.article_detail, name="detail"),
    path("kategori/<slug:slug>/", views.category_list, name="category"),
    path(
        "kategori/<slug:slug>/rss/",
        public_page(feeds.CategoryFeed(), query=()),
        name="category_rss",
    ),
    path(
        "kategori/<slug:slug>/atom/",
        public_page(feeds.CategoryAtomFeed(), query=()),
        name="category_atom",
    ),
    path("pd/", views.agency_index, name="agencies"),
    path("pd/<slug:slug>/", views.agency_list, name="agency"),
    path("pd/<slug:slug>/rss/", public_page(feeds.AgencyFeed(), query=()), name="agency_rss"),
    path("pd/<slug:slug>/atom/", public_page(feeds.AgencyAtomFeed(), query=()), name="agency_atom"),
    path("tag/<uslug:slug>/", views.tag_list, name="tag"),
    path("penulis/<slug:slug>/", views.author_list, name="author"),
    path("arsip/", views.archive_index, name="archive"),
    path("arsip/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("cari/", views.search, name="search"),
    path("rss/", public_page(feeds.LatestFeed(), query=()), name="rss"),
    path("atom/", public_page(feeds.LatestAtomFeed(), query=()), name="atom"),
]
