from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PerangkatDaerahQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_user(self, user):
        """The PDs a user belongs to."""
        return self.filter(members=user)


class PerangkatDaerah(models.Model):
    """A regional agency (Perangkat Daerah). Humas staff write for their own PD."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=80, help_text=_('As shown on the site, e.g. "Diskominfo Perstik".')
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="pd-logo/", blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        related_name="perangkat_daerah",
        blank=True,
        help_text=_("User accounts of this agency's staff."),
    )

    objects = PerangkatDaerahQuerySet.as_manager()

    class Meta:
        verbose_name = _("regional agency")
        verbose_name_plural = _("regional agencies")
        ordering = ["order", "name"]

    def __str__(self):
        return self.short_name or self.name
