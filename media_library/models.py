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


class Rendition(models.Model):
    """A resized copy of an image, generated once and stored."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    file = models.FileField(max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file_size = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["image", "spec"], name="unique_rendition_per_spec")
        ]

    def __str__(self):
        return f"{self.image_id}:{self.spec}"


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
