"""{% page_fragment "name" %}…{% endpage_fragment %}: marks a part of a public page that
the page cache keeps apart from the page body (see publishing.page_cache). The
markers never reach the reader: the page cache removes them, and they are written
only inside a view that ``public_page`` serves with that fragment."""

from django import template
from django.utils.safestring import mark_safe

from ..page_cache import FRAGMENT_CLOSE, FRAGMENT_OPEN

register = template.Library()


@register.tag
def page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("page_fragment takes one name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        name = self.name.resolve(context)
        inner = self.nodelist.render(context)
        request = context.get("request")
        if name not in getattr(request, "page_fragments", ()):  # e.g. an admin preview
            return inner
        return mark_safe(f"{FRAGMENT_OPEN.format(name)}{inner}{FRAGMENT_CLOSE.format(name)}")
