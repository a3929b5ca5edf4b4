from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")

    def ready(self):
        from media_library.usage import register_body_usage

        from . import cache, tag_slugs
        from .media_usage import articles_with_media_in_body

        register_body_usage(articles_with_media_in_body)
        cache.connect_signals()
        tag_slugs.install()
