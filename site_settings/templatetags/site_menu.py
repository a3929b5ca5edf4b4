from django import template

from .. import menu

register = template.Library()


@register.simple_tag
def site_menu(place):
    """The menu entries for "header" or "footer" (cached; see site_settings.menu)."""
    return menu.load().get(place, [])
