"""Pengumuman: announcements with a start (published_at) and an expiry (expires_at)
on the publishing core. live() hides them at their expiry minute; their address
keeps answering with a notice that the announcement has ended."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing.models import Publishable, PublishableQuerySet
from richtext.sanitize import clean_body


class AnnouncementQuerySet(PublishableQuerySet):
    def started(self):
        """What keeps an address: live announcements and those that have ended
        (derived from the one definition, live(), and its expired() counterpart)."""
        return self.live() | self.expired().filter(published_at__lte=timezone.now())


class Announcement(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for the home page, feeds and search engines."),
    )
    body = models.TextField(_("body"), blank=True)
    attachments = models.ManyToManyField(
        "media_library.Document",
        verbose_name=_("attachments"),
        blank=True,
        related_name="announcements",
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        related_name="announcements",
    )

    # kept by a database trigger (migration …_search_vector); publishing.search
    search_vector = SearchVectorField(null=True, editable=False)

    objects = AnnouncementQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="announcement_status_pub_idx")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("announcements:detail", kwargs={"slug": self.slug})
