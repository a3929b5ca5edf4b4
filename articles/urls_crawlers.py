"""Addresses for crawlers: robots.txt and the sitemaps, at the site root.

Included from the root URLconf without a namespace: the sitemap index reverses
the section URL by its plain name ("sitemaps")."""

from django.apps import apps
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.utils.module_loading import import_string

from publishing.page_cache import public_page

from . import views
from .sitemaps import SITEMAPS, NewsSitemap


def all_sitemaps():
    """This app's sections plus those other apps declare on their AppConfig
    (``sitemaps = {"section": "dotted.path.Sitemap"}``), without importing them here:
    the one way a content app adds sitemap sections."""
    found = dict(SITEMAPS)
    for config in apps.get_app_configs():
        for section, dotted in getattr(config, "sitemaps", {}).items():
            found.setdefault(section, import_string(dotted))
    return found


ALL_SITEMAPS = all_sitemaps()

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index, query=("p",)),
        {"sitemaps": ALL_SITEMAPS, "sitemap_url_name": "sitemaps"},
        name="sitemap_index",
    ),
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap, query=("p",)),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap, query=("p",)),
        {"sitemaps": ALL_SITEMAPS},
        name="sitemaps",
    ),
]
