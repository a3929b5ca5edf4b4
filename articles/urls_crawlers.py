"""Addresses for crawlers: robots.txt and the sitemaps, at the site root.

Included from the root URLconf without a namespace: the sitemap index reverses
the section URL by its plain name ("sitemaps")."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import views
from .cache import public_page
from .sitemaps import SITEMAPS, NewsSitemap

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemaps"},
        name="sitemap_index",
    ),
    path(
        "sitemap-news.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemaps",
    ),
]
