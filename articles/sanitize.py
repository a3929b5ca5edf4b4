"""The sanitiser moved to richtext.sanitize (shared by every content type)."""

from richtext.sanitize import (  # noqa: F401
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EMBED_PATTERNS,
    URL_SCHEMES,
    clean_body,
    embed_src,
)
