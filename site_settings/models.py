"""Site-wide settings: one record that Administrators edit and every page may read."""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

# The key names the module: a cached object pickled under the old location
# (kominfo.models) must not be read back after the model moved here.
CACHE_KEY = "site_settings:site-settings"


class SiteSettings(models.Model):
    """Site-wide settings, one record, edited in the admin."""

    site_name = models.CharField(_("site name"), max_length=120, default="Diskominfo")
    require_two_factor = models.BooleanField(
        _("require two-factor login for editors"),
        default=False,
        help_text=_("Redaktur and Administrator accounts must use an authenticator app code."),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    office_name = models.CharField(
        _("office name"),
        max_length=200,
        blank=True,
        help_text=_("Publisher shown to search engines, e.g. the full name of the Dinas."),
    )
    # Kept by site_settings.menu when menu items are saved or deleted: a page that has
    # no menu then reads no menu rows (one query less on a cold cache).
    has_menu = models.BooleanField(_("has a menu"), default=False, editable=False)
    logo = models.ForeignKey(
        "media_library.Image",
        verbose_name=_("logo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("A short text about the regency, shown in the footer of every public page."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    @classmethod
    def load(cls):
        """The one record, cached; unsaved defaults when none exists yet."""
        obj = cache.get(CACHE_KEY)
        if obj is None:
            # Never write while reading: a fresh site uses the defaults until an
            # Administrator saves the settings (a save here would also start a new
            # page-cache generation in the middle of a request).
            obj = cls.objects.select_related("logo").filter(pk=1).first() or cls(pk=1)
            cache.set(CACHE_KEY, obj, 300)
        return obj


class MenuItem(models.Model):
    """One entry of the site menu (header and/or footer), two levels deep. It links to
    a registered target (a page, a category: see site_settings.menu) or to a URL."""

    title = models.CharField(_("title"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Empty: a top-level item. Only two levels are possible."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_("A path on this site (/pengumuman/) or a full address (https://…)."),
    )
    in_header = models.BooleanField(_("in the header"), default=True)
    in_footer = models.BooleanField(_("in the footer"), default=False)

    class Meta:
        verbose_name = _("menu item")
        verbose_name_plural = _("menu")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_type__isnull=True, target_id__isnull=True)
                | models.Q(target_type__isnull=False, target_id__isnull=False),
                name="menuitem_target_complete",
            )
        ]

    def __str__(self):
        return self.title
