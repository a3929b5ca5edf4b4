from django.shortcuts import get_object_or_404, redirect, render

from .models import Article, SlugHistory


def home(request):
    articles = (
        Article.objects.live()
        .select_related("category", "perangkat_daerah", "featured_image")
        .order_by("-published_at")[:20]
    )
    return render(request, "articles/home.html", {"articles": articles})


def article_detail(request, slug):
    article = (
        Article.objects.live()
        .select_related("category", "perangkat_daerah", "featured_image")
        .filter(slug=slug)
        .first()
    )
    if article is None:
        old = SlugHistory.objects.filter(slug=slug).select_related("article").first()
        if old and old.article.is_live:
            return redirect(old.article, permanent=True)
        if Article.objects.filter(slug=slug, status=Article.Status.ARCHIVED).exists():
            return render(request, "410.html", status=410)
        get_object_or_404(Article.objects.none())
    return render(request, "articles/detail.html", {"article": article})
