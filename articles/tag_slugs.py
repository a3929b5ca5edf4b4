"""Tag addresses that work for every name a writer can type.

django-taggit's default slug keeps non-ASCII letters and drops everything else, so
``Café`` became ``café`` (not a ``<slug>`` URL) and ``!!!`` or an emoji became an empty
slug: the article page then failed to reverse ``articles:tag``. Here every name is
transliterated to ASCII with anyascii (``中文`` → ``zhongwen``, ``Jаkarta`` with a
Cyrillic а → ``jakarta``, emoji → their names) and a name with nothing left gets a
stable ``tag-<hash>`` slug. Collisions get taggit's numbered suffix; the base is kept
short enough that a suffix never has to cut into it (taggit finds taken suffixes by
prefix).
"""

import hashlib

from anyascii import anyascii
from django.utils.text import slugify

SLUG_MAX_LENGTH = 100  # taggit's Tag.slug
BASE_MAX_LENGTH = 90  # leaves room for "-<n>"


def tag_slug(name, i=None):
    base = slugify(anyascii(name or ""))[:BASE_MAX_LENGTH].strip("-_")
    if not base:
        base = "tag-" + hashlib.sha256((name or "").encode()).hexdigest()[:10]
    return base if i is None else f"{base}-{i}"


def _slugify(self, tag, i=None):
    return tag_slug(tag, i)


def install():
    """Make taggit's Tag use ``tag_slug`` (TagBase.slugify is taggit's documented hook
    for subclasses; we keep taggit's own Tag model and its tables)."""
    from taggit.models import Tag

    Tag.slugify = _slugify
