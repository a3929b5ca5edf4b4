"""django-taggit under an Indonesian heading: the admin index showed "TAGGIT"."""

from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TaggitConfig(TaggitAppConfig):
    verbose_name = _("Tags")
