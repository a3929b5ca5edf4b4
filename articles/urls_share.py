"""Public address of share links: one unpublished article for a reader without an account."""

from django.http import Http404
from django.urls import path

from publishing import sharelinks
from publishing.admin import preview_response

app_name = "share"


def shared_article(request, token):
    article = sharelinks.resolve(token)
    if article is None:
        raise Http404
    return preview_response(request, article, "articles/preview.html")


urlpatterns = [path("<str:token>/", shared_article, name="article")]
