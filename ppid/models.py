"""The register of public information of the PPID (UU 14/2008, Perki 1/2021): entries
per PD with their KIP class. Exempt entries (dikecualikan) show only their title and
legal reason, and their file is never served to the public (media_library.access)."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.models import Publishable, PublishableQuerySet


class KIPClass(models.TextChoices):
    BERKALA = "berkala", _("Periodic (berkala)")
    SERTA_MERTA = "serta_merta", _("Immediate (serta merta)")
    SETIAP_SAAT = "setiap_saat", _("Available at any time (tersedia setiap saat)")
    DIKECUALIKAN = "dikecualikan", _("Exempt (dikecualikan)")


class DocumentType(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class InformationEntry(Publishable):
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=260, unique=True)
    kip_class = models.CharField(
        _("KIP class"), max_length=20, choices=KIPClass.choices, default=KIPClass.BERKALA
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    doc_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    document = models.ForeignKey(
        "media_library.Document",
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    external_url = models.URLField(
        _("external link"), max_length=500, blank=True, help_text=_("Instead of a file.")
    )
    legal_reason = models.TextField(
        _("legal reason"),
        max_length=2000,
        blank=True,
        help_text=_("Required for exempt information: the article of law and the test of harm."),
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        related_name="information_entries",
    )

    # kept by a database trigger (migration …_search_vector); publishing.search
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("public information")
        verbose_name_plural = _("public information register")
        ordering = ["-year", "title", "pk"]
        indexes = [models.Index(fields=["status", "-year"], name="ppid_status_year_idx")]

    def __str__(self):
        return self.title

    @property
    def is_exempt(self):
        return self.kip_class == KIPClass.DIKECUALIKAN

    def clean(self):
        super().clean()
        if self.is_exempt:
            if not self.legal_reason.strip():
                raise ValidationError(
                    {"legal_reason": _("Exempt information needs its legal reason.")}
                )
        elif self.document_id and self.external_url:
            raise ValidationError(_("Choose a file or an external link, not both."))

    def get_absolute_url(self):
        return reverse("ppid:detail", kwargs={"slug": self.slug})


class DownloadCount(models.Model):
    """Downloads of an entry, kept apart from the entry so that counting never touches
    its version, revisions or the page cache."""

    entry = models.OneToOneField(
        InformationEntry, on_delete=models.CASCADE, primary_key=True, related_name="downloads"
    )
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")

    def __str__(self):
        return f"{self.entry_id}: {self.count}"


def withheld_documents():
    """Ids of the library documents that belong to an exempt entry (in any status): never
    served (media_library.access; a subquery, without NULLs)."""
    return InformationEntry.objects.filter(
        kip_class=KIPClass.DIKECUALIKAN, document__isnull=False
    ).values("document_id")
