from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")

    def ready(self):
        from publishing import page_cache, registry
        from site_settings import menu

        from . import others, search, tag_slugs
        from .completeness import missing_for_review
        from .models import Article, ArticleAuthor, Category, GalleryItem, SlugHistory

        registry.register(
            Article,
            children={"authors": ArticleAuthor, "gallery": GalleryItem},
            completeness=missing_for_review,
            search=search.searchable(),
        )
        menu.register_target(Category, live=Category.objects.all, url=category_url)
        page_cache.watch_shared(SlugHistory)  # old addresses redirect
        page_cache.register_fragment(others.NAME, others.render)
        tag_slugs.install()


def category_url(category):
    from django.urls import reverse

    return reverse("articles:category", kwargs={"slug": category.slug})
