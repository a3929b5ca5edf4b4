from django import template

from ..body_render import render_body

register = template.Library()


@register.simple_tag
def article_body(article):
    """``{% article_body article as body %}{{ body.html }}``; ``body.has_video`` says
    whether the click-to-load script is needed."""
    return render_body(article.body)
