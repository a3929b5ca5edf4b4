"""The content types that use the publishing core. A content app registers its model
once (from AppConfig.ready); the core then knows how to snapshot it, what makes it
complete, and which models' changes the public can see."""

from dataclasses import dataclass, field

_registry = {}


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

    def parent_fk(self, child_model):
        for f in child_model._meta.concrete_fields:
            if f.is_relation and f.related_model is self.model:
                return f
        raise LookupError(f"{child_model} has no ForeignKey to {self.model}")


def register(model, *, children=None, completeness=None):
    opts = model._meta
    config = ContentConfig(
        model=model,
        children=dict(children or {}),
        completeness=completeness,
        admin_prefix=f"admin:{opts.app_label}_{opts.model_name}",
    )
    _registry[model] = config
    return config


def config_for(obj_or_model):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    model = model._meta.concrete_model
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered with publishing") from None


def registered_models():
    return list(_registry)
