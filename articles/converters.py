class UnicodeSlugConverter:
    """A slug with letters of any script (``[-\\w]+``), as Django's ``validate_unicode_slug``
    allows: tag slugs typed by an editor in the tag admin may be non-ASCII."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
