"""How items of an old site become our content types, for importers (the WordPress
import in ``articles.wordpress``). A content app registers a handler for an old item
type from AppConfig.ready(); the importer finds it here by the type's name, so the
importer and the content app never import each other.

The importer does what is the same for every type (reading the export, cleaning the
body, the publishing workflow, the map of imported items, old addresses, the report);
the handler only turns the cleaned values into an object of its model."""

from dataclasses import dataclass

from django.contrib.contenttypes.prefetch import GenericPrefetch


@dataclass(frozen=True)
class ImportedItem:
    """The cleaned values of one old item, as a handler receives them."""

    title: str
    slug: str  # the wanted slug (ASCII, may be empty)
    summary: str  # plain text
    body: str  # HTML cleaned like every imported body (sanitised again on save)
    order: int
    parent: object  # an already imported object of the same model, or None
    agency: object  # the PerangkatDaerah chosen for the import


@dataclass(frozen=True)
class ImportHandler:
    # The old site's name for the item type, e.g. WordPress's post_type "page".
    source_type: str
    model: type
    # (obj, ImportedItem) -> (obj, notes). obj None: return a new unsaved object (its
    # place and a free slug chosen by the handler); else change the content of obj in
    # place (its slug and place stay as they are). Notes go to the import report.
    apply: object
    # Levels of nesting the model allows (1: items are not nested). Deeper old items
    # are attached at the deepest level by the importer.
    max_depth: int = 1
    # () -> a queryset of the model with what get_absolute_url() reads joined in.
    url_queryset: object = None


_handlers = {}


def register(handler):
    _handlers[handler.source_type] = handler
    return handler


def handler_for(source_type):
    return _handlers.get(source_type)


def handlers():
    return dict(_handlers)


def target_prefetch(lookup="content_object"):
    """Prefetch of a generic pointer at imported objects: one query per type, each with
    what its address needs (a page's parents and agency), so no query per row."""
    querysets = [h.url_queryset() for h in _handlers.values() if h.url_queryset is not None]
    return GenericPrefetch(lookup, querysets)
