"""Which writers a Penulis may name as bylines: their own agency's and shared ones with no
agency (the Author admin's scope), plus any already on the article (set by an editor),
so re-saving keeps them.
Editors may name anyone. Enforced on the submitted form, not only in the autocomplete."""

from django.db.models import Q

from authors.models import Author
from perangkat_daerah.roles import is_editor


class BylineChoicesMixin:
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not is_editor(request.user):
            allowed = Q(pk__in=Author.objects.visible_to(request.user).values("pk"))
            if obj is not None and obj.pk:
                allowed |= Q(articles=obj)
            formset.form.base_fields["author"].queryset = Author.objects.filter(allowed).distinct()
        return formset
