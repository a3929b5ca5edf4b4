"""The admin side of PD scoping, shared by every admin whose objects belong to a PD.

Querysets are scoped by the model's ``visible_to(user)``; an object outside it
(another PD's, or a missing one) answers 404 rather than Django's redirect; forms
receive the user so they can limit the PD choices; a Penulis's new object starts
in their own PD.
"""

from django.http import Http404

from .roles import is_editor, user_pd_ids


class PDScopedAdminMixin:
    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)

        class UserBoundForm(form_class):
            def __init__(self, *args, **kw):
                kw.setdefault("user", request.user)
                super().__init__(*args, **kw)

        return UserBoundForm

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not is_editor(request.user) and user_pd_ids(request.user):
            initial.setdefault("perangkat_daerah", min(user_pd_ids(request.user)))
        return initial
