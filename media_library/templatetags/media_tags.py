"""Responsive images for templates. Every tag here runs without a database query:
the rendition list is stored on the Image itself.

    {% load media_tags %}
    {% picture image sizes="(min-width: 960px) 960px, 100vw" alt=None css_class="" eager=False %}
    {% og_image_url image %}
"""

from functools import lru_cache

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

DEFAULT_SIZES = "100vw"


def _srcset(renditions):
    return ", ".join(f"{info['url']} {info['width']}w" for info in renditions)


@register.simple_tag
def picture(image, sizes=DEFAULT_SIZES, alt=None, css_class="", eager=False):
    """<picture> with a WebP source and a JPEG <img> fallback (srcset, sizes, width,
    height, lazy loading). ``eager=True`` is for the hero image above the fold."""
    if image is None or not getattr(image, "file", None):
        return ""
    if alt is None:
        alt = image.default_alt
    # Rendition files get a fresh name whenever they are (re)generated, so these values
    # identify the markup: lists of teasers reuse it instead of rebuilding the srcsets.
    renditions = tuple(
        sorted(
            (info["width"], spec, info["name"], info["height"])
            for spec, info in (image.renditions or {}).items()
        )
    )
    storage = image.file.storage
    return _picture(
        storage,
        getattr(storage, "base_url", None),
        image.file.name,
        image.width,
        image.height,
        renditions,
        # escaped here so that the key is the text that ends up in the markup
        conditional_escape(sizes),
        conditional_escape(alt),
        conditional_escape(css_class),
        bool(eager),
    )


@lru_cache(maxsize=4096)
def _picture(
    storage, base_url, file_name, file_width, file_height, renditions, sizes, alt, css_class, eager
):
    def of(fmt):
        return [
            {"url": storage.url(name), "width": width, "height": height}
            for width, spec, name, height in renditions
            if spec.startswith(f"{fmt}-")
        ]

    webp = of("webp")
    jpeg = of("jpeg")
    if jpeg:
        largest = jpeg[-1]
        src, width, height = largest["url"], largest["width"], largest["height"]
        if len(jpeg) > 1:
            # A middle size as src for browsers that ignore srcset; still never upscaled.
            src = next((info["url"] for info in jpeg if info["width"] >= 960), src)
    else:  # renditions not generated yet (or an animated GIF): the normalised original
        src, width, height = storage.url(file_name), file_width, file_height
    loading = (
        mark_safe(' loading="eager" fetchpriority="high"')
        if eager
        else mark_safe(' loading="lazy"')
    )
    img_attrs = format_html_join(
        "",
        ' {}="{}"',
        [(name, value) for name, value in (("class", css_class),) if value],
    )
    img = format_html(
        '<img src="{}"{} width="{}" height="{}" alt="{}"{}{} decoding="async">',
        src,
        format_html(' srcset="{}" sizes="{}"', _srcset(jpeg), sizes) if jpeg else "",
        width,
        height,
        alt,
        img_attrs,
        loading,
    )
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes)
        if webp
        else ""
    )
    return format_html("<picture>{}{}</picture>", source, img)


@register.simple_tag
def og_image_url(image):
    """URL of the 1200x630 JPEG crop for Open Graph / Twitter cards ("" for None).
    Width and height are on ``image.og_image``."""
    if image is None or not getattr(image, "file", None):
        return ""
    og = image.og_image
    return og["url"] if og else image.file.url


@register.filter
def served_documents(documents):
    """``{% with documents=item.attachments.all|served_documents %}``: without the withheld
    ones (the only filter here that queries: once, when there are documents)."""
    from media_library.access import served

    return served(documents)
