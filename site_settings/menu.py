"""The site menu: what it may link to and how the public pages read it.

Content apps register their linkable models (pages, categories) from their
AppConfig.ready(), so this app never imports a content app. The menu is read with
one query per linked type and kept in the cache until a menu item or a linked
object changes, or a linked object's scheduled publication or expiry comes."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.text import capfirst

CACHE_KEY = "site_settings:menu"
CACHE_SECONDS = 300

_targets = {}


@dataclass
class Target:
    model: type
    live: object  # () -> queryset of the objects the public may reach
    url: object  # obj -> path
    # () -> the next moment live() changes by itself (a scheduled publication or an
    # expiry), or None: the cached menu is rebuilt from then on.
    next_change: object = None
    # () -> queryset of every object the admin may choose, with what url() and the
    # labels read (select_related); default: all of the model.
    every: object = None

    def choosable(self):
        return self.every() if self.every is not None else self.model._default_manager.all()

    def label(self, obj):
        """What tells two targets of the same name apart in the admin: type, agency,
        address ("Halaman: Profil — Diskominfo — /pd/diskominfo/profil/")."""
        parts = [f"{capfirst(self.model._meta.verbose_name)}: {obj}"]
        agency = getattr(obj, "perangkat_daerah", None)
        if agency is not None:
            parts.append(str(agency))
        parts.append(self.url(obj))
        return " — ".join(parts)


def register_target(model, *, live, url, next_change=None, every=None):
    _targets[model] = Target(model=model, live=live, url=url, next_change=next_change, every=every)
    uid = f"menu-{model._meta.label_lower}"
    post_save.connect(forget, sender=model, dispatch_uid=f"{uid}-save", weak=False)
    post_delete.connect(forget, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def targets():
    return dict(_targets)


def forget(**kwargs):
    """A linked object changed: its title or address in the menu may have. When a menu
    item links to it, every cached page shows the change (the menu is on every page:
    an unpublished Halaman kept its menu link on cached article pages for minutes)."""
    cache.delete(CACHE_KEY)
    instance = kwargs.get("instance")
    if instance is not None and instance.pk is not None and _linked(instance):
        menu_changed()  # saves the site settings: the page cache renews every page


def _linked(obj):
    from .models import MenuItem

    content_type = ContentType.objects.get_for_model(type(obj))
    return MenuItem.objects.filter(target_type=content_type, target_id=obj.pk).exists()


def menu_changed(**kwargs):
    """A menu item changed: whether there is a menu at all may have, too."""
    from .models import SiteSettings

    forget()
    # Written by an Administrator's menu edit (never while reading a page).
    SiteSettings.objects.update_or_create(pk=1, defaults={"has_menu": _menu_rows_exist()})


def _menu_rows_exist():
    from .models import MenuItem

    return MenuItem.objects.exists()


def choices():
    """Form choices "<content type id>:<object id>", grouped by type (one query per
    type), each labelled so that two targets of the same name differ."""
    groups = []
    for model, target in _targets.items():
        ct = ContentType.objects.get_for_model(model)
        options = [(f"{ct.pk}:{obj.pk}", target.label(obj)) for obj in target.choosable()[:500]]
        if options:
            groups.append((str(model._meta.verbose_name_plural).capitalize(), options))
    return groups


def target_labels(items):
    """{(content type id, object id): label} of the menu items' targets, one query per
    target type."""
    wanted = {}
    for item in items:
        if item.target_type_id:
            wanted.setdefault(item.target_type_id, set()).add(item.target_id)
    labels = {}
    for ct_id, ids in wanted.items():
        target = _targets.get(ContentType.objects.get_for_id(ct_id).model_class())
        if target is not None:
            for obj in target.choosable().filter(pk__in=ids):
                labels[(ct_id, obj.pk)] = target.label(obj)
    return labels


def _resolve(items):
    """{(content type id, object id): path} of the linked objects the public may see."""
    wanted = {}
    for item in items:
        if item.target_type_id:
            wanted.setdefault(item.target_type_id, set()).add(item.target_id)
    found = {}
    for ct_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        target = _targets.get(model)
        if target is None:
            continue
        for obj in target.live().filter(pk__in=ids):
            found[(ct_id, obj.pk)] = target.url(obj)
    return found


def _build():
    from .models import MenuItem

    items = list(MenuItem.objects.all())
    paths = _resolve(items)

    def entry(item):
        if item.target_type_id:
            url = paths.get((item.target_type_id, item.target_id))
        else:
            url = item.url or None
        return {
            "title": item.title,
            "url": url,
            "external": bool(url) and url.startswith(("http://", "https://")),
            "children": [],
        }

    menus = {"header": [], "footer": []}
    top = {}
    for item in items:
        if item.parent_id is None:
            top[item.pk] = (item, entry(item))
    for item in items:
        if item.parent_id in top:
            child = entry(item)
            if child["url"]:
                top[item.parent_id][1]["children"].append(child)
    for item, built in top.values():
        # An item whose link is gone (unpublished page) is left out; a heading
        # without a link stays when it has children.
        if not built["url"] and not built["children"]:
            continue
        if item.in_header:
            menus["header"].append(built)
        if item.in_footer:
            menus["footer"].append(built)
    return menus


def _valid_until():
    times = [t.next_change() for t in _targets.values() if t.next_change is not None]
    times = [t for t in times if t is not None]
    return min(times).timestamp() if times else None


def load(generation=None, site=None):
    """The built menus. On public pages ``generation`` is the page cache's content token,
    which already changes at every publication, expiry and menu edit: the menu is kept
    under it and needs no boundary of its own (one query less on a cold cache).
    ``site`` is the page's already loaded SiteSettings (saves a cache round trip)."""
    from .models import SiteSettings

    if site is None:
        site = SiteSettings.load()
    if not site.has_menu:
        return {"header": [], "footer": []}
    key = f"{CACHE_KEY}:{generation}" if generation else CACHE_KEY
    entry = cache.get(key)
    if entry is not None:
        menus, valid_until = entry
        if valid_until is None or timezone.now().timestamp() < valid_until:
            return menus
    menus = _build()
    cache.set(key, (menus, None if generation else _valid_until()), CACHE_SECONDS)
    return menus


def connect_signals():
    from .models import MenuItem

    post_save.connect(menu_changed, sender=MenuItem, dispatch_uid="menu-item-save", weak=False)
    post_delete.connect(menu_changed, sender=MenuItem, dispatch_uid="menu-item-delete", weak=False)
