"""Page links for other pages' templates: an agency's top-level pages (one query)."""

from django import template

from ..models import Page

register = template.Library()


@register.inclusion_tag("pages/_agency_pages.html")
def agency_pages(agency, current=""):
    """The PD's top-level pages and its news, agenda and documents (one query)."""
    pages = list(
        Page.objects.live()
        .filter(perangkat_daerah=agency, parent__isnull=True)
        .only("title", "slug", "parent_id", "perangkat_daerah_id")
        .order_by("order", "title")
    )
    for page in pages:
        page.url = page.url_for([page.slug], agency.slug)
    return {"pages": pages, "agency": agency, "current": current}
