"""Public address of share links: one unpublished item (of any registered type) for a
reader without an account."""

from django.contrib import admin
from django.http import Http404
from django.urls import path

from publishing import sharelinks
from publishing.admin import preview_response

app_name = "share"


def shared_article(request, token):
    article = sharelinks.resolve(token)
    if article is None:
        raise Http404
    return preview_response(request, article, _preview_template(type(article)))


def _preview_template(model):
    """The public template of the item's type (its ModelAdmin's preview_template)."""
    try:
        model_admin = admin.site.get_model_admin(model)
    except admin.sites.NotRegistered:
        model_admin = None
    return getattr(model_admin, "preview_template", None) or "articles/preview.html"


urlpatterns = [path("<str:token>/", shared_article, name="article")]
