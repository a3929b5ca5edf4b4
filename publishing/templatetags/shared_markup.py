"""{% shared_markup "name" %}…{% endshared_markup %}: markup that is the same on every
public page of a content generation (the site's menu and footer: site settings, menu
items, categories), rendered once per generation, language and year in each process
(publishing.memo). Only for markup that reads nothing of the page or the request but
the generation: the search box's query or a "current page" mark must stay outside.
Previews and the admin (no generation) render it every time."""

from django import template
from django.utils import timezone, translation

from ..memo import memo

register = template.Library()


@register.tag
def shared_markup(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("shared_markup takes one name")
    nodelist = parser.parse(("endshared_markup",))
    parser.delete_first_token()
    return SharedMarkupNode(parser.compile_filter(bits[1]), nodelist)


class SharedMarkupNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        generation = getattr(context.get("request"), "content_generation", None)
        key = (
            "shared-markup",
            self.name.resolve(context),
            translation.get_language(),
            timezone.localdate().year,  # a copyright line
        )
        return memo(generation, key, lambda: self.nodelist.render(context))
