"""Where is a media item used? Found without importing any app that uses media:

* relations pointing at the model (featured image, gallery, attachments, ...) are
  discovered through ``Model._meta.related_objects``;
* everything else (hidden relations, rich text, revisions) is reported by callables
  registered with ``register_usage`` (see ``kominfo.media_usage``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

_usage_finders = []


@dataclass(frozen=True)
class Usage:
    obj: object  # the using object, e.g. an Article
    where: str  # how it is used, e.g. "featured image", "gallery", "body"

    def __str__(self):
        return f"{self.obj} ({self.where})"


def register_usage(finder):
    """``finder(media_obj) -> iterable of Usage``: uses that relations cannot show, e.g.
    a revision or a proposal waiting for approval that names the media object."""
    if finder not in _usage_finders:
        _usage_finders.append(finder)
    return finder


def file_names(obj):
    """Every storage name belonging to a media object (file and renditions)."""
    names = [obj.file.name] if obj.file else []
    names += [info["name"] for info in (getattr(obj, "renditions", None) or {}).values()]
    return names


def _through_models(model):
    return {
        rel.through
        for rel in model._meta.related_objects
        if rel.many_to_many and rel.through is not None
    }


def find_usages(obj):
    """All Usage records for an Image or Document, relations first, then bodies."""
    found = []
    model = type(obj)
    through = _through_models(model)
    for rel in model._meta.related_objects:
        if rel.related_model in through:
            continue  # e.g. GalleryItem: reported through the gallery M2M instead
        users = rel.related_model._default_manager.filter(**{rel.field.name: obj}).distinct()
        where = str(capfirst(rel.field.verbose_name))
        found.extend(Usage(user, where) for user in users)
    for finder in _usage_finders:
        found.extend(finder(obj))
    return found


def used_by_published(obj):
    """True when published content (live or scheduled) shows the media object. Its
    file, caption and alt text then reach the public, so only an editor may change it;
    a writer uploads a new one instead (see ScopedMediaAdmin)."""
    return any(getattr(usage.obj, "status", None) == "published" for usage in find_usages(obj))


class MediaInUse(ValidationError):
    def __init__(self, obj, usages):
        self.usages = usages
        listing = "; ".join(str(usage) for usage in usages)
        super().__init__(
            _("“%(name)s” cannot be deleted because it is used by: %(list)s")
            % {"name": obj, "list": listing},
            code="in_use",
        )


def delete_media(obj):
    """Delete an unused Image or Document; refuse with the list of users otherwise.
    Its files are removed once the deletion is committed (see ``signals``)."""
    with transaction.atomic():
        usages = find_usages(obj)
        if usages:
            raise MediaInUse(obj, usages)
        obj.delete()
