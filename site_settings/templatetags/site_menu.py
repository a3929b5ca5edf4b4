from django import template

from .. import menu

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context, place):
    """The menu entries for "header" or "footer" (cached; see site_settings.menu)."""
    request = context.get("request")
    generation = getattr(request, "content_generation", None) if request else None
    # the page's site settings (context processor), read once for the whole page
    return menu.load(generation, site=context.get("site_settings")).get(place, [])
