"""Template helpers for the public site: structured data, share links, dates."""

import json
from datetime import timedelta
from urllib.parse import quote

from django import template
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from media_library.access import served

register = template.Library()

# An edit this long after the (last) publication counts as an update worth showing.
UPDATE_GRACE = timedelta(minutes=5)


def _json_script(data):
    """A JSON-LD data block; <, > and & are escaped so the text can never end the element.
    Browsers never execute application/ld+json, so a strict CSP is unaffected."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def absolute(request, path):
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return absolute(context["request"], path)


@register.filter
def article_tags(article):
    """The article's tags: loaded with the page (articles.related.extras) or, e.g. in
    the workflow preview, from the database."""
    tags = getattr(article, "public_tags", None)
    return list(article.tags.all()) if tags is None else tags


@register.filter
def updated_time(article):
    """When the live article was changed after its publication, else None. The last
    publish/schedule action is the reference, so the publication itself is no update."""
    if not article.published_at or not article.updated_at:
        return None
    reference = getattr(article, "last_publish_at", None)
    if reference is None and not hasattr(article, "last_publish_at"):
        reference = (
            article.transitions.filter(action__in=["publish", "schedule"])
            .values_list("created_at", flat=True)
            .first()
        )
    reference = max(filter(None, [reference, article.published_at]))
    if article.updated_at > reference + UPDATE_GRACE:
        return article.updated_at
    return None


def _bylines(article):
    bylines = getattr(article, "byline_list", None)
    if bylines is None:
        bylines = list(article.articleauthor_set.select_related("author"))
    return [b.author for b in bylines]


@register.simple_tag
def bylines(article):
    return _bylines(article)


@register.filter
def article_attachments(article):
    """The attachments the public may download: loaded with the page without the
    withheld ones (articles.views), or, e.g. in the workflow preview, filtered here."""
    documents = getattr(article, "served_attachment_list", None)
    if documents is None:
        documents = served(article.attachments.all())
    return documents


@register.simple_tag
def gallery_items(article):
    items = getattr(article, "gallery_list", None)
    if items is None:
        items = list(article.galleryitem_set.select_related("image"))
    return items


@register.simple_tag(takes_context=True)
def share_links(context, article):
    """Plain share links (no third-party script): WhatsApp first."""
    url = absolute(context["request"], article.get_absolute_url())
    text = f"{article.title} {url}"
    u, t, title = quote(url, safe=""), quote(text, safe=""), quote(article.title, safe="")
    return [
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={t}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("x", "X", f"https://x.com/intent/post?url={u}&text={title}"),
        ("telegram", "Telegram", f"https://t.me/share/url?url={u}&text={title}"),
    ]


def _image_url(request, image):
    if image is None or not getattr(image, "file", None):
        return None, None, None
    og = image.og_image
    if og:
        return absolute(request, og["url"]), og["width"], og["height"]
    return absolute(request, image.file.url), image.width, image.height


@register.simple_tag(takes_context=True)
def og_image(context, image):
    url, width, height = _image_url(context["request"], image)
    return {"url": url, "width": width, "height": height} if url else None


def _publisher(request, site):
    publisher = {"@type": "GovernmentOrganization", "name": site.office_name or site.site_name}
    publisher["url"] = absolute(request, reverse("articles:home"))
    logo_url, width, height = _image_url(request, site.logo)
    if site.logo is not None and site.logo.file:
        logo_url, width, height = (
            absolute(request, site.logo.file.url),
            site.logo.width,
            site.logo.height,
        )
    if logo_url:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": logo_url,
            "width": width,
            "height": height,
        }
    return publisher


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    request, site = context["request"], context["site_settings"]
    url = absolute(request, article.get_absolute_url())
    modified = updated_time(article) or article.published_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article.seo_description or article.lead,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": modified.isoformat() if modified else None,
        "inLanguage": "id",
        "author": [
            {
                "@type": "Person",
                "name": a.display_name,
                "url": absolute(request, reverse("articles:author", kwargs={"slug": a.slug})),
            }
            for a in _bylines(article)
        ]
        or [{"@type": "Organization", "name": str(article.perangkat_daerah)}],
        "publisher": _publisher(request, site),
    }
    image_url, width, height = _image_url(request, article.featured_image)
    if image_url:
        data["image"] = [
            {"@type": "ImageObject", "url": image_url, "width": width, "height": height}
        ]
    if article.category:
        data["articleSection"] = article.category.name
    data = {k: v for k, v in data.items() if v is not None}
    return _json_script(data)


@register.simple_tag(takes_context=True)
def breadcrumbs_jsonld(context, crumbs):
    """crumbs: list of (name, path); the last is the current page."""
    request = context["request"]
    items = [
        {"@type": "ListItem", "position": n, "name": str(name), "item": absolute(request, path)}
        for n, (name, path) in enumerate(crumbs, start=1)
    ]
    return _json_script(
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    )


@register.simple_tag
def article_crumbs(article):
    crumbs = [(_("Home"), reverse("articles:home"))]
    if article.category:
        crumbs.append(
            (
                article.category.name,
                reverse("articles:category", kwargs={"slug": article.category.slug}),
            )
        )
    crumbs.append((article.title, article.get_absolute_url()))
    return crumbs


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with another page number (other query parameters kept)."""
    query = context["request"].GET.copy()
    if number and int(number) > 1:
        query["page"] = number
    else:
        query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's canonical address: path plus a page number above 1 (nothing else)."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    try:
        page = request.GET.get("page", "")
    except SuspiciousOperation:  # e.g. > 1,000 parameters, while rendering an error page
        page = ""
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


@register.simple_tag
def nav_categories():
    """Categories for the site menu; cached until anything public changes."""
    from django.core.cache import cache

    from publishing.page_cache import NAV_KEY

    from ..models import Category

    items = cache.get(NAV_KEY)
    if items is None:
        items = [(c.name, c.slug) for c in Category.objects.filter(show_on_home=True)]
        cache.set(NAV_KEY, items, 3600)
    return items


@register.simple_tag(takes_context=True)
def teaser(
    context, article, big=False, no_image=False, no_category=False, show_lead=False, heading="h3"
):
    """An article teaser (articles/_teaser.html), reused within a content generation."""
    from .. import fragments

    request = context.get("request")
    generation = getattr(request, "content_generation", None)
    return fragments.render_teaser(
        generation,
        article,
        big=big,
        no_image=no_image,
        no_category=no_category,
        show_lead=show_lead,
        heading=heading,
    )
