from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_editor, user_pd_ids


class MediaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Penulis see only their own PDs' media; editors and admins see all."""
        if is_editor(user):
            return self
        return self.filter(perangkat_daerah__in=user_pd_ids(user))


class Image(models.Model):
    """A photo, already normalised by the upload pipeline (no metadata, sRGB, safe path)."""

    file = models.FileField(_("file"), max_length=255)
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the photo shows for readers who cannot see it."),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the photo adds no information; it then needs no alt text."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_('Photographer, e.g. "Humas Kutim".')
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="images",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    file_size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True, editable=False)
    renditions = models.JSONField(
        _("renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text="spec -> {name, width, height, bytes}; kept on the image so pages need no query.",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = MediaQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def has_alt_text(self):
        return self.is_decorative or bool(self.alt_text.strip())

    @property
    def default_alt(self):
        return "" if self.is_decorative else self.alt_text

    def rendition(self, spec):
        """{name, width, height, bytes, url} of one stored rendition, or None. No query."""
        info = (self.renditions or {}).get(spec)
        if not info:
            return None
        return {**info, "url": self.file.storage.url(info["name"])}

    def renditions_of(self, fmt):
        """Width renditions of one format ("webp" or "jpeg"), narrowest first. No query."""
        prefix = f"{fmt}-"
        found = [
            self.rendition(spec) for spec in (self.renditions or {}) if spec.startswith(prefix)
        ]
        return sorted(found, key=lambda info: info["width"])

    @property
    def og_image(self):
        """The 1200x630 Open Graph crop (url, width, height), or None before renditions exist."""
        return self.rendition("og")


class Document(models.Model):
    """A downloadable file (press release PDF, spreadsheet, ...)."""

    file = models.FileField(_("file"), max_length=255)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=10, editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    file_size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = MediaQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
