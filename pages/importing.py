"""Pages from an old site (WordPress's post_type "page") become our pages: registered
with publishing.imports from PagesConfig.ready()."""

from django.utils.translation import gettext as _

from publishing.imports import ImportHandler

from .models import MAX_DEPTH, RESERVED_PD_SLUGS, Page

SLUG_LENGTH = Page._meta.get_field("slug").max_length


def apply(page, item):
    """A new unsaved page for ``item`` (page None), or ``page`` with its content
    changed. A new page goes under ``item.parent`` in the chosen agency with a slug
    that is free at that place."""
    content = {
        "title": item.title[:200],
        "summary": item.summary[:300],
        "body": item.body,
        "order": max(0, min(item.order, 32767)),
    }
    if page is not None:
        for name, value in content.items():
            setattr(page, name, value)
        return page, []
    notes = []
    parent = item.parent
    agency_id = item.agency.pk if item.agency else None
    if parent is not None and parent.perangkat_daerah_id != agency_id:
        notes.append(
            _("its parent page “%(parent)s” belongs to another agency: placed at the top level")
            % {"parent": parent.title}
        )
        parent = None
    wanted = item.slug[:SLUG_LENGTH].strip("-") or "halaman"
    slug = free_slug(wanted, parent, item.agency)
    if slug != wanted:
        notes.append(
            _("the address “%(wanted)s” was already used by another page here: “%(slug)s”")
            % {"wanted": wanted, "slug": slug}
        )
    page = Page(slug=slug, parent=parent, perangkat_daerah=item.agency, **content)
    return page, notes


def free_slug(wanted, parent, agency):
    """``wanted``, or ``wanted-2``, ``-3`` … : the first slug no page at that place
    (same parent, same agency) uses, and not one reserved for the agency's feeds."""
    taken = set(
        Page.objects.filter(
            parent=parent, perangkat_daerah=agency, slug__startswith=wanted[: SLUG_LENGTH - 4]
        ).values_list("slug", flat=True)
    )
    if agency is not None and parent is None:
        taken |= RESERVED_PD_SLUGS
    slug, n = wanted, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = wanted[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    return slug


def url_queryset():
    # get_absolute_url() walks the parents (at most MAX_DEPTH levels) and the agency.
    return Page.objects.select_related("perangkat_daerah", "parent__parent")


HANDLER = ImportHandler(
    source_type="page", model=Page, apply=apply, max_depth=MAX_DEPTH, url_queryset=url_queryset
)
