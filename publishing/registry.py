"""The content types that use the publishing core. A content app registers its model
once (from AppConfig.ready); the core then knows how to snapshot it, what makes it
complete, and which models' changes the public can see."""

from dataclasses import dataclass, field

_registry = {}
_listeners = []


@dataclass
class ContentConfig:
    model: type
    # Snapshot key -> child model (rows with a ForeignKey to the content model, e.g.
    # bylines and gallery items): saved with every revision and restored with it.
    children: dict = field(default_factory=dict)
    # obj -> list of human-readable names of what is missing before review.
    completeness: object = None
    # Admin URL name prefix, e.g. "admin:articles_article".
    admin_prefix: str = ""
    # publishing.search.Searchable: what of this type the public search finds.
    search: object = None
    # (obj, snapshot) -> list of messages: type rules a snapshot must still meet when
    # it is written back (restore, approval), e.g. the page depth limit.
    check: object = None

    def parent_fk(self, child_model):
        for f in child_model._meta.concrete_fields:
            if f.is_relation and f.related_model is self.model:
                return f
        raise LookupError(f"{child_model} has no ForeignKey to {self.model}")


def register(model, *, children=None, completeness=None, search=None, check=None):
    opts = model._meta
    config = ContentConfig(
        model=model,
        children=dict(children or {}),
        completeness=completeness,
        admin_prefix=f"admin:{opts.app_label}_{opts.model_name}",
        search=search,
        check=check,
    )
    _registry[model] = config
    for listener in _listeners:
        listener(config)
    return config


def on_register(listener):
    """Call ``listener(config)`` for every registered type, now and for those registered
    later (apps may come before or after the listener's app in INSTALLED_APPS)."""
    _listeners.append(listener)
    for config in list(_registry.values()):
        listener(config)


def config_for(obj_or_model):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    model = model._meta.concrete_model
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered with publishing") from None


def registered_models():
    return list(_registry)


def searchable_types():
    """The Searchable of every registered type that has one, in their display order."""
    found = [config.search for config in _registry.values() if config.search is not None]
    return sorted(found, key=lambda spec: (spec.order, spec.key))


def next_visibility_change(models=None):
    """The earliest future moment at which live() of the registered types (or of
    ``models``) changes by itself (a scheduled item appears or a live one expires), or
    None. One query for all types: a UNION ALL of one MIN() per type and field."""
    from django.db.models import IntegerField, Min, Value
    from django.utils import timezone

    from .models import Status

    now = timezone.now()
    parts = []
    for model in _registry if models is None else models:
        for name in ("published_at", "expires_at"):
            parts.append(
                model._default_manager.filter(status=Status.PUBLISHED, **{f"{name}__gt": now})
                .order_by()
                .annotate(one=Value(1, output_field=IntegerField()))
                .values("one")
                .annotate(moment=Min(name))
                .values_list("moment", flat=True)
            )
    if not parts:
        return None
    times = [t for t in parts[0].union(*parts[1:], all=True) if t is not None]
    return min(times) if times else None


def public_models(configs=None):
    """Every model whose rows a public page of a registered type can show: the types,
    their child rows, and what they point to (categories, agencies, writers, media,
    tags), with the many-to-many tables in between. Page caches watch these."""
    from django.conf import settings

    from .models import Revision

    skip = {settings.AUTH_USER_MODEL.lower(), Revision._meta.label_lower}
    models, throughs = [], []

    def add(model):
        if model._meta.label_lower not in skip and model not in models:
            models.append(model)

    for config in _registry.values() if configs is None else configs:
        owners = [config.model, *config.children.values()]
        for owner in owners:
            add(owner)
            for f in owner._meta.concrete_fields:
                if f.is_relation and f.related_model is not None:
                    add(f.related_model)
            for f in owner._meta.many_to_many:
                add(f.related_model)
                through = f.remote_field.through
                add(through)
                if through not in throughs:
                    throughs.append(through)
    models = [m for m in models if m._meta.app_label not in ("contenttypes", "publishing")]
    return models, throughs
