"""Which published content shows a library image or document, for every type registered
with the publishing core — derived from the models, so a new type or field cannot be
forgotten (``tests/portal/test_media_usage_coverage.py`` walks them all).

media_library finds relations it can see (``Model._meta.related_objects``) by itself.
This finder adds what it cannot see, without the content apps having to say it:

* relations declared with ``related_name="+"`` on a type or on its child rows (a PPID
  entry's file, an album's photos), reported as the content item itself;
* rich text (``<img src="/media/...">``, a link to a document) in any text field;
* revisions: old versions and proposals waiting for approval, whose snapshot names the
  media by id (relations, child rows) or by file name (text fields).

Wired from ``KominfoConfig.ready`` (the project package may import publishing and
media_library; neither imports the other).
"""

from django.db import connection, models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from media_library.models import Document, Image
from media_library.usage import Usage, file_names
from publishing import registry

MEDIA_MODELS = (Image, Document)


def media_relations(model):
    """(field, media model) for every ForeignKey / ManyToMany of ``model`` to a media model."""
    return [
        (f, f.related_model)
        for f in [*model._meta.fields, *model._meta.many_to_many]
        if f.is_relation and f.related_model in MEDIA_MODELS
    ]


def text_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.TextField)]


def _is_through(model):
    return any(
        f.remote_field.through is model
        for other in registry.registered_models()
        for f in other._meta.many_to_many
    )


def hidden_relations(config):
    """Relations media_library cannot discover: (path to the item, field, media model).
    ``path`` is "" for the type's own fields, the lookup from the type to the child otherwise."""
    found = [("", f, m) for f, m in media_relations(config.model) if f.remote_field.hidden]
    for child in config.children.values():
        if _is_through(child):
            continue  # e.g. an article's GalleryItem: found through the gallery M2M
        parent = config.parent_fk(child).related_query_name()
        found += [(parent, f, m) for f, m in media_relations(child) if f.remote_field.hidden]
    return found


def _live_items_using(config, media):
    model = config.model
    found = []
    for path, field, media_model in hidden_relations(config):
        if not isinstance(media, media_model):
            continue
        lookup = f"{path}__{field.name}" if path else field.name
        items = model._default_manager.filter(**{lookup: media}).distinct().order_by("pk")
        where = str(capfirst(field.verbose_name))
        found += [Usage(item, where) for item in items]
    names = file_names(media)
    fields = text_fields(model)
    if names and fields:
        query = Q()
        for f in fields:
            for name in names:
                query |= Q(**{f"{f.name}__contains": name})
        body = str(capfirst(_("body")))
        found += [Usage(item, body) for item in model._default_manager.filter(query).order_by("pk")]
    return found


def _revision_matches(config, media, content):
    """Python check of one snapshot (SQLite has no JSON containment)."""
    for f, media_model in media_relations(config.model):
        if isinstance(media, media_model):
            value = content.get(f.attname)
            if value == media.pk or (isinstance(value, list) and media.pk in value):
                return True
    for key, child in config.children.items():
        for f, media_model in media_relations(child):
            if isinstance(media, media_model):
                if any(row.get(f.attname) == media.pk for row in content.get(key, [])):
                    return True
    names = file_names(media)
    return any(
        name in (content.get(f.attname) or "") for f in text_fields(config.model) for name in names
    )


def _revision_query(config, media):
    from django.db.models.fields.json import KT

    query = Q(pk__in=[])
    for f, media_model in media_relations(config.model):
        if isinstance(media, media_model):
            if f.many_to_many:
                query |= Q(**{f"content__{f.attname}__contains": [media.pk]})
            else:
                query |= Q(**{f"content__{f.attname}": media.pk})
    for key, child in config.children.items():
        for f, media_model in media_relations(child):
            if isinstance(media, media_model):
                query |= Q(**{f"content__{key}__contains": [{f.attname: media.pk}]})
    annotations = {}
    for f in text_fields(config.model):
        alias = f"text_{f.attname}"
        annotations[alias] = KT(f"content__{f.attname}")
        for name in file_names(media):
            query |= Q(**{f"{alias}__contains": name})
    return annotations, query


def _revision_items_using(config, media):
    from django.contrib.contenttypes.models import ContentType

    from publishing.models import Revision

    model = config.model
    revs = Revision.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if connection.vendor == "postgresql":
        annotations, query = _revision_query(config, media)
        ids = set(revs.alias(**annotations).filter(query).values_list("object_id", flat=True))
    else:
        ids = {
            rev.object_id
            for rev in revs.only("object_id", "content")
            if _revision_matches(config, media, rev.content)
        }
    where = str(_("a revision or a change waiting for approval"))
    return [Usage(item, where) for item in model._default_manager.filter(pk__in=ids)]


def content_using_media(media):
    if not isinstance(media, MEDIA_MODELS):
        return []
    found = []
    for model in registry.registered_models():
        config = registry.config_for(model)
        found += _live_items_using(config, media)
        found += _revision_items_using(config, media)
    return found
