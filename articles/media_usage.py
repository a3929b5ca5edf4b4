"""Tell the media library which articles show an image inside their body HTML
(``<img src="/media/...">`` inserted by the editor). media_library never imports
articles; articles registers this finder from ``ArticlesConfig.ready()``."""

from django.db.models import Q


def articles_with_media_in_body(media):
    from media_library.usage import file_names

    from .models import Article

    names = file_names(media)
    if not names:
        return Article.objects.none()
    query = Q()
    for name in names:
        query |= Q(body__contains=name)
    return Article.objects.filter(query).order_by("pk")
