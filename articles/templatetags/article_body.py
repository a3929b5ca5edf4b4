from django import template

from .. import fragments
from ..body_render import render_body

register = template.Library()


@register.simple_tag(takes_context=True)
def article_body(context, article):
    """``{% article_body article as body %}{{ body.html }}``; ``body.has_video`` says
    whether the click-to-load script is needed. On public pages rendered once per
    content generation in each process (a photo's change renews the generation);
    previews (no generation) always render the body they are given."""
    request = context.get("request")
    generation = getattr(request, "content_generation", None)
    key = ("body", article.pk, article.updated_at)
    return fragments.memo(generation, key, lambda: render_body(article.body))
