"""Photo albums (ordered library images with captions and credits) and videos
(YouTube links shown as click-to-load previews)."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from media_library.video import video_of
from publishing.models import Publishable, PublishableQuerySet


class Album(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    taken_on = models.DateField(_("date of the photos"), null=True, blank=True)
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        related_name="albums",
    )

    # kept by a database trigger (migration …_search_vector); publishing.search
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("galleries:album", kwargs={"slug": self.slug})


class AlbumPhoto(models.Model):
    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "media_library.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    caption = models.CharField(
        _("caption"), max_length=300, blank=True, help_text=_("Empty: the photo's own caption.")
    )
    credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("Empty: the photo's own credit.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("album photo")
        verbose_name_plural = _("album photos")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["album", "image"], name="unique_album_image")
        ]

    def __str__(self):
        return str(self.image)

    @property
    def display_caption(self):
        return self.caption or self.image.caption

    @property
    def display_credit(self):
        return self.credit or self.image.credit


def validate_youtube(value):
    video = video_of(value)
    if video is None or video.provider != "youtube":
        raise ValidationError(
            _("Enter a YouTube address, e.g. https://www.youtube.com/watch?v=…"),
            code="youtube",
        )


class Video(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    youtube_url = models.CharField(
        _("YouTube address"), max_length=200, validators=[validate_youtube]
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        related_name="videos",
    )

    # kept by a database trigger (migration …_search_vector); publishing.search
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def video(self):
        return video_of(self.youtube_url)

    def get_absolute_url(self):
        return reverse("galleries:video", kwargs={"slug": self.slug})
