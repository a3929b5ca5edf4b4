"""The article page's "other news" (previous/next and related articles) as a page-cache
fragment: cached apart from the article's page, so the page survives other articles'
publications (publishing.page_cache, "Fragments"). Rendered alone in two queries:
the article's neighbours and tags, then its related articles. It names the articles it
shows, so that only the fragments showing an unpublished article are renewed."""

from django.template.loader import get_template

from . import related as related_module
from .models import Article

NAME = "articles.others"
TEMPLATE = "articles/_others.html"


def params(article):
    return {"pk": article.pk}


def shows(previous, following, related):
    """The page-cache names of the articles the fragment shows."""
    from publishing.page_cache import shown_name

    slugs = [a.slug for a in (previous, following, *related) if a is not None]
    return [shown_name("articles.article", f"slug:{slug}") for slug in slugs]


def render(request, params):
    from .views import teaser_list

    live = Article.objects.live()
    queryset = live.filter(pk=params["pk"]).only("pk", "slug", "category", "published_at")
    article = related_module.with_extras(queryset, live).first()
    if article is None:
        return None
    previous, following, tags = related_module.extras(article)
    generation = getattr(request, "content_generation", None)
    related = related_module.related(
        article, [t.pk for t in tags], lambda: live, teaser_list, generation=generation
    )
    context = {"request": request, "previous": previous, "next": following, "related": related}
    return get_template(TEMPLATE).render(context), shows(previous, following, related)
