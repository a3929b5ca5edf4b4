"""Tag suggestions for the article form's tag field.

``tags/suggest/?q=ban`` answers the names of existing tags containing the term, those
starting with it first. A Penulis is only offered tags that are public (on a live
article) or used on their own agency's articles: a tag that exists only on another
agency's draft never leaks. Without JavaScript the field stays plain comma text.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, When
from django.http import JsonResponse
from django.urls import path, reverse
from taggit.models import Tag, TaggedItem

from perangkat_daerah.roles import is_editor

LIMIT = 10
MAX_TERM = 100


def suggestions(user, term, model):
    tags = Tag.objects.filter(name__icontains=term)
    if not is_editor(user):
        articles = model.objects.live() | model.objects.visible_to(user)
        used = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=articles.values("pk"),
        )
        tags = tags.filter(pk__in=used.values("tag_id"))
    starts = Case(When(name__istartswith=term, then=0), default=1, output_field=IntegerField())
    return list(
        tags.annotate(starts=starts)
        .order_by("starts", "name")
        .values_list("name", flat=True)[:LIMIT]
    )


class TagSuggestMixin:
    """Mixed into ArticleAdmin: the endpoint, the field's data attribute and the script."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.tag_suggest_view)
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_tag_suggest"
        return [path("tags/suggest/", view, name=name)] + super().get_urls()

    def tag_suggest_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:MAX_TERM]
        if not term:
            return JsonResponse({"results": []})
        return JsonResponse({"results": suggestions(request.user, term, self.model)})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "tags" and field is not None:
            opts = self.model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_tag_suggest")
            field.widget.attrs.update({"data-tag-suggest": url, "autocomplete": "off"})
        return field

    @property
    def media(self):
        return super().media + forms.Media(js=["js/tag_suggest.js"])
