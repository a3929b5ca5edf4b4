"""Complete snapshots of a content item: every editable field, every plain many-to-many
relation, tags and the child rows its type registered (bylines, gallery items ...),
with the child rows' ids so a proposal can be loaded back exactly as it was saved.

``apply`` writes a snapshot back (approve, restore); ``materialized`` writes one inside
a savepoint that is always rolled back, so the admin form and the public preview can
show a proposal with every relation without the public ever seeing it.
"""

import datetime
import decimal
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from taggit.managers import TaggableManager

from . import quiet
from .models import Publishable
from .registry import config_for

WORKFLOW_FIELDS = {f.name for f in Publishable._meta.get_fields()}


def scalar_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in WORKFLOW_FIELDS
    ]


def plain_m2m_fields(model):
    """Many-to-many fields without a through model of their own (and tags)."""
    found = []
    for f in model._meta.many_to_many:
        if isinstance(f, TaggableManager) or f.remote_field.through._meta.auto_created:
            found.append(f)
    return found


def child_fields(config, child_model):
    parent = config.parent_fk(child_model)
    return [f for f in child_model._meta.concrete_fields if not f.primary_key and f != parent]


def _json(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _child_rows(config, obj, key):
    child_model = config.children[key]
    parent = config.parent_fk(child_model)
    rows = child_model._default_manager.filter(**{parent.name: obj})
    return rows.order_by(*(child_model._meta.ordering or ["pk"]))


def snapshot(obj, known=None):
    """Every content field and relation of ``obj`` as stored in the database now.

    ``known`` lets a writer that has just saved the relations itself (a bulk import)
    pass them instead of having them read back: ``{m2m name: tag names or pks, child
    key: the saved child rows in the type's order}``. Relations it does not name are
    read from the database; the result has the same form either way."""
    config = config_for(obj)
    known = known or {}
    content = {f.attname: _json(f.value_from_object(obj)) for f in scalar_fields(config.model)}
    for f in plain_m2m_fields(config.model):
        if f.name in known:
            content[f.name] = sorted(known[f.name])
            continue
        manager = getattr(obj, f.name)
        if isinstance(f, TaggableManager):
            content[f.name] = sorted(manager.names())
        else:
            content[f.name] = sorted(manager.values_list("pk", flat=True))
    for key, child_model in config.children.items():
        fields = child_fields(config, child_model)
        rows = known[key] if key in known else _child_rows(config, obj, key)
        content[key] = [
            {"id": row.pk, **{f.attname: _json(f.value_from_object(row)) for f in fields}}
            for row in rows
        ]
    return content


def _missing_references(config, content):
    """Human-readable list of related objects a snapshot names that no longer exist."""
    missing = []

    def check(field, ids):
        ids = {i for i in ids if i not in (None, "")}
        if not ids:
            return
        target = field.related_model._default_manager
        found = set(target.filter(pk__in=ids).values_list("pk", flat=True))
        for gone in sorted(ids - found, key=str):
            missing.append(
                _("%(field)s #%(id)s (deleted)") % {"field": field.verbose_name, "id": gone}
            )

    for f in scalar_fields(config.model):
        if f.is_relation and f.attname in content:
            check(f, [content[f.attname]])
    for f in plain_m2m_fields(config.model):
        if not isinstance(f, TaggableManager) and f.name in content:
            check(f, content[f.name])
    for key, child_model in config.children.items():
        for f in child_fields(config, child_model):
            if f.is_relation:
                check(f, [row.get(f.attname) for row in content.get(key, [])])
    return missing


def _unique_conflicts(config, obj, content):
    conflicts = []
    for f in scalar_fields(config.model):
        if f.unique and f.attname in content and content[f.attname] not in (None, ""):
            taken = config.model._default_manager.filter(**{f.attname: content[f.attname]})
            if taken.exclude(pk=obj.pk).exists():
                conflicts.append(
                    _("%(field)s “%(value)s” is now used by another item")
                    % {"field": f.verbose_name, "value": content[f.attname]}
                )
    return conflicts


def usable_version(obj, content):
    """(content, problems): the snapshot with what can no longer be applied taken out —
    deleted related objects dropped, a unique value another item took replaced by the
    item's current one — so a writer can still open and fix their proposal."""
    config = config_for(obj)
    problems = _missing_references(config, content) + _unique_conflicts(config, obj, content)
    if not problems:
        return content, []
    fixed = dict(content)

    def exists(field, pk):
        return field.related_model._default_manager.filter(pk=pk).exists()

    for f in scalar_fields(config.model):
        value = fixed.get(f.attname)
        if f.is_relation and value not in (None, "") and not exists(f, value):
            fixed[f.attname] = None
        elif f.unique and value not in (None, ""):
            others = config.model._default_manager.filter(**{f.attname: value}).exclude(pk=obj.pk)
            if others.exists():
                fixed[f.attname] = f.value_from_object(obj)
    for f in plain_m2m_fields(config.model):
        if not isinstance(f, TaggableManager) and f.name in fixed:
            fixed[f.name] = [pk for pk in fixed[f.name] if exists(f, pk)]
    for key, child_model in config.children.items():
        relations = [f for f in child_fields(config, child_model) if f.is_relation]
        fixed[key] = [
            row
            for row in fixed.get(key, [])
            if all(row.get(f.attname) in (None, "") or exists(f, row[f.attname]) for f in relations)
        ]
    return fixed, problems


def check_applicable(obj, content, *, type_rules=True):
    """Raise ValidationError (Indonesian, naming each problem) when a snapshot cannot be
    written back: a related photo was deleted, another item took its address, a rule of
    the type (``ContentConfig.check``) is no longer met ..."""
    config = config_for(obj)
    problems = _missing_references(config, content) + _unique_conflicts(config, obj, content)
    if type_rules and not problems and config.check is not None:
        problems = [str(message) for message in config.check(obj, content)]
    if problems:
        raise ValidationError(
            _("This version cannot be applied: %(problems)s. Nothing was changed.")
            % {"problems": "; ".join(problems)},
            code="not_applicable",
        )


def apply(obj, content, *, type_rules=True):
    """Write a snapshot onto ``obj`` and its relations, all or nothing (caller holds
    the row lock). Raises ValidationError instead of a database error. ``type_rules``:
    off only to show a snapshot (the form that shows it checks them on save)."""
    config = config_for(obj)
    check_applicable(obj, content, type_rules=type_rules)
    try:
        with transaction.atomic():
            for f in scalar_fields(config.model):
                if f.attname in content:
                    value = content[f.attname]
                    setattr(obj, f.attname, value if f.is_relation else f.to_python(value))
            obj.save()
            for f in plain_m2m_fields(config.model):
                if f.name in content:
                    getattr(obj, f.name).set(content[f.name])
            for key, child_model in config.children.items():
                if key not in content:
                    continue
                parent = config.parent_fk(child_model)
                fields = {f.attname: f for f in child_fields(config, child_model)}
                _child_rows(config, obj, key).delete()
                # A row id remembered from a rolled-back preview may have been given to
                # another item's row since (SQLite reuses ids): such a row gets a new id.
                wanted = [row.get("id") for row in content[key] if row.get("id")]
                taken = set(
                    child_model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True)
                )
                for row in content[key]:
                    if row.get("id") in taken:
                        row = {**row, "id": None}
                    values = {
                        name: (value if fields[name].is_relation else fields[name].to_python(value))
                        for name, value in row.items()
                        if name in fields
                    }
                    child = child_model(pk=row.get("id"), **{parent.attname: obj.pk}, **values)
                    child.save(force_insert=True)
    except IntegrityError as error:
        raise ValidationError(
            _("This version cannot be applied (%(error)s). Nothing was changed.")
            % {"error": str(error).splitlines()[0]},
            code="not_applicable",
        ) from error


@contextmanager
def materialized(obj, content):
    """Show ``content`` as if it were saved, for the duration of the block only: it is
    written inside a savepoint that is always rolled back (nothing reaches the public,
    no cache is invalidated). Responses must be rendered inside the block."""
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            with quiet():
                if content is not None:
                    apply(obj, content, type_rules=False)
            yield obj
        finally:
            transaction.savepoint_rollback(savepoint)


# --- comparison --------------------------------------------------------------------


def _labels(config):
    """Snapshot key -> the field's Indonesian label."""
    model = config.model
    labels = {f.attname: f.verbose_name for f in scalar_fields(model)}
    labels.update({f.name: f.verbose_name for f in plain_m2m_fields(model)})
    for key, child_model in config.children.items():
        labels[key] = child_model._meta.verbose_name_plural
    return labels


def _describe_ids(field, ids):
    objs = field.related_model._default_manager.in_bulk([i for i in ids if i not in (None, "")])
    return [
        str(objs.get(i, _("#%(id)s (deleted)") % {"id": i})) for i in ids if i not in (None, "")
    ]


def describe(config, key, value):
    """A snapshot value as lines of readable text (names instead of ids)."""
    model = config.model
    if key in config.children:
        child_model = config.children[key]
        fields = child_fields(config, child_model)
        lines = []
        for row in value or []:
            parts = []
            for f in fields:
                if f.attname not in row or f.name == "order":
                    continue
                v = row[f.attname]
                if f.is_relation:
                    parts += _describe_ids(f, [v])
                elif v not in ("", None, False):
                    parts.append(f"{f.verbose_name}: {v}")
            lines.append(" — ".join(str(p) for p in parts))
        return lines
    field = next(
        (f for f in scalar_fields(model) + plain_m2m_fields(model) if key in (f.attname, f.name)),
        None,
    )
    if field is None:
        return [str(value)]
    if isinstance(field, TaggableManager):
        return list(value or [])
    if field.many_to_many:
        return _describe_ids(field, value or [])
    if field.is_relation:
        return _describe_ids(field, [value])
    if isinstance(value, bool):
        return [_("yes") if value else _("no")]
    return [str(value or "")]


def changed_keys(old, new):
    return [key for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]


def changed_labels(obj_or_model, old, new):
    """Indonesian names of the fields that differ between two snapshots."""
    labels = _labels(config_for(obj_or_model))  # in the order of the form
    changed = set(changed_keys(old, new))
    return [str(label) for key, label in labels.items() if key in changed]


def compare(obj_or_model, old, new):
    """[(label, changed?, diff html)] for every field and relation of the type."""
    from .diff import html_diff, text_of

    config = config_for(obj_or_model)
    rows = []
    for key, label in _labels(config).items():
        if key not in old and key not in new:
            continue
        if key in config.children or key not in {f.attname for f in scalar_fields(config.model)}:
            a = "\n".join(describe(config, key, old.get(key)))
            b = "\n".join(describe(config, key, new.get(key)))
        else:
            field = next(f for f in scalar_fields(config.model) if f.attname == key)
            if field.is_relation or isinstance(old.get(key), bool):
                a = "\n".join(describe(config, key, old.get(key)))
                b = "\n".join(describe(config, key, new.get(key)))
            else:
                a, b = text_of(old.get(key)), text_of(new.get(key))
        rows.append((label, old.get(key) != new.get(key), html_diff(a, b)))
    return rows
