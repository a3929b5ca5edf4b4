"""Agenda: events of the regency (the regional head's agenda is one category)."""

from datetime import datetime, time, timedelta

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing.models import Publishable, PublishableQuerySet
from richtext.links import clean_address


class EventCategory(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("agenda category")
        verbose_name_plural = _("agenda categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Live events that have not ended yet (an event without an end ends at the end
        of its start day, site time)."""
        now = now or timezone.now()
        return self.live().filter(ends_at__gte=now)

    def overlapping(self, start, end):
        return self.live().filter(starts_at__lt=end, ends_at__gte=start)


def local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class Event(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.TextField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences.")
    )
    description = models.TextField(_("description"), blank=True)
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Only the dates count; times are ignored.")
    )
    starts_at = models.DateTimeField(_("start"), db_index=True)
    ends_at = models.DateTimeField(
        _("end"),
        blank=True,
        help_text=_("Empty: the event ends on its start day (timed events after two hours)."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    # A plain address (e.g. /berita/<slug>/ of the coverage article): the agenda does
    # not import the articles app.
    coverage_url = models.CharField(
        _("coverage article"),
        max_length=300,
        blank=True,
        help_text=_("Address of the news about this event, e.g. /berita/judul-berita/."),
    )

    # kept by a database trigger (migration …_search_vector); publishing.search
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "ends_at"], name="event_status_end_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        try:
            self.coverage_url = clean_address(self.coverage_url, local_only=True)
        except ValidationError as error:
            raise ValidationError({"coverage_url": error.messages}) from None
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end cannot be before the start.")})

    def save(self, *args, **kwargs):
        self.normalise_times()
        super().save(*args, **kwargs)

    def normalise_times(self):
        """All-day events run from local midnight of the first day to local midnight
        after the last; an event without an end gets its default end."""
        if self.starts_at is None:
            return
        if self.all_day:
            first = timezone.localtime(self.starts_at).date()
            last = timezone.localtime(self.ends_at).date() if self.ends_at else first
            if self.ends_at and self.ends_at == local_midnight(last) and last > first:
                last -= timedelta(days=1)  # already normalised: midnight after the last day
            self.starts_at = local_midnight(first)
            self.ends_at = local_midnight(max(last, first) + timedelta(days=1))
        elif self.ends_at is None:
            self.ends_at = self.starts_at + timedelta(hours=2)

    @property
    def first_day(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def last_day(self):
        """The last calendar day the event touches (site time)."""
        end = timezone.localtime(self.ends_at)
        if end.time() == time.min and end.date() > self.first_day:
            return end.date() - timedelta(days=1)
        return end.date()

    def get_absolute_url(self):
        return reverse("agenda:detail", kwargs={"slug": self.slug})
