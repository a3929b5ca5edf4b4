from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from publishing.models import Publishable, PublishableQuerySet

from .sanitize import clean_body


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    show_on_home = models.BooleanField(
        _("show on home page"),
        default=True,
        help_text=_("Give this category a block on the home page."),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(PublishableQuerySet):
    """live(), scheduled() and visible_to() come from the publishing core."""


class Article(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        help_text=_("Part of the address. Changing it later keeps the old address working."),
    )
    dateline = models.CharField(
        _("dateline"), max_length=60, blank=True, help_text=_('Place of the news, e.g. "SANGATTA".')
    )
    lead = models.TextField(
        _("lead"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences; shown as teaser and in search engines."),
    )
    body = models.TextField(_("body"), blank=True)
    featured_image = models.ForeignKey(
        "media_library.Image",
        verbose_name=_("featured image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="featured_in",
    )
    featured_image_caption = models.CharField(
        _("featured image caption"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the image's own caption."),
    )
    gallery = models.ManyToManyField(
        "media_library.Image",
        verbose_name=_("gallery"),
        through="GalleryItem",
        related_name="galleries",
        blank=True,
    )
    attachments = models.ManyToManyField(
        "media_library.Document",
        verbose_name=_("attachments"),
        related_name="articles",
        blank=True,
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    tags = TaggableManager(
        _("tags"), blank=True, help_text=_("Separate tags with commas, e.g. bimtek, kehumasan.")
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        "authors.Author",
        verbose_name=_("writers"),
        through="ArticleAuthor",
        related_name="articles",
        blank=True,
    )
    is_featured = models.BooleanField(
        _("headline"), default=False, help_text=_("Show as the headline story on the home page.")
    )
    seo_title = models.CharField(
        _("SEO title"), max_length=70, blank=True, help_text=_("Leave empty to use the title.")
    )
    seo_description = models.CharField(
        _("SEO description"),
        max_length=160,
        blank=True,
        help_text=_("Leave empty to use the lead."),
    )
    # Maintained by a PostgreSQL trigger (migration 0003_public_search) on every
    # INSERT/UPDATE, so bulk_create and queryset.update() keep it right too. The GIN
    # index lives in that migration (PostgreSQL only; SQLite keeps a plain column).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            # The home headline: without it PostgreSQL scans every row for the rare flag.
            models.Index(
                fields=["-published_at"],
                condition=Q(is_featured=True),
                name="article_featured_pub_idx",
            ),
            # Category and agency lists: the newest live articles of one category/agency
            # (and their capped count) straight from an index at any archive size. With
            # expires_at in the index the capped count is an index-only scan; without it
            # PostgreSQL preferred a sequential scan that stops after CAP + 1 rows of the
            # category (2,161 rows read at 100,000 articles, and the whole table for a
            # category whose articles are all recent).
            models.Index(
                fields=["category", "-published_at", "expires_at"],
                condition=Q(status="published"),
                name="article_cat_live_pub_idx",
            ),
            models.Index(
                fields=["perangkat_daerah", "-published_at", "expires_at"],
                condition=Q(status="published"),
                name="article_pd_live_pub_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A save of named fields only (the workflow's status changes) writes neither the
        # body nor the slug: no need to clean the one or look up the old other.
        only = kwargs.get("update_fields")
        if only is None or "body" in only:
            self.body = clean_body(self.body)
        if only is None or "slug" in only:
            self._remember_old_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # a page asks several times (canonical, JSON-LD, share links, crumbs)
        known = self.__dict__.get("_address")
        if known is None or known[0] != self.slug:
            known = self._address = (
                self.slug,
                reverse("articles:detail", kwargs={"slug": self.slug}),
            )
        return known[1]

    @property
    def display_caption(self):
        if self.featured_image_caption:
            return self.featured_image_caption
        return self.featured_image.caption if self.featured_image else ""

    def _remember_old_slug(self):
        """Once an article has been public, its old addresses keep answering (301)."""
        if not self.pk or not self.first_published_at:
            return
        old_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if old_slug and old_slug != self.slug:
            SlugHistory.objects.filter(slug=self.slug).delete()
            SlugHistory.objects.update_or_create(slug=old_slug, defaults={"article_id": self.pk})


class SlugHistory(models.Model):
    """An earlier slug of a published article; its URL redirects (301) to the current one."""

    slug = models.SlugField(max_length=220, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.slug


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    author = models.ForeignKey("authors.Author", verbose_name=_("writer"), on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]

    def __str__(self):
        return str(self.author)


class GalleryItem(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    image = models.ForeignKey(
        "media_library.Image", verbose_name=_("image"), on_delete=models.PROTECT
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "image"], name="unique_gallery_image")
        ]

    def __str__(self):
        return str(self.image)


class PublicListing(models.Model):
    """One row per tag and per byline of an article, with a copy of the article's
    status and publication window: the index that tag and writer lists (and related
    articles) walk, newest first, so that a page reads its 12 rows and a capped count
    reads at most ``pagination.CAP + 1``, whatever the archive size and however rare
    the tag or writer.

    Kept by PostgreSQL triggers (migration 0011_public_listing) on taggit's rows, the
    bylines and the article's status/publication columns, so every door that changes
    them — the publishing workflow, the admin, revisions, imports, bulk_create,
    queryset.update() — keeps it right. It is only an index: the lists still load
    their articles through ``Article.objects.live()``. SQLite (the embedded demo)
    has no triggers; there the lists use the tag and byline tables directly."""

    class Kind(models.IntegerChoices):
        TAG = 1
        WRITER = 2

    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    key = models.BigIntegerField()  # the tag's or the writer's id
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10)
    published_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(null=True)

    objects = PublishableQuerySet.as_manager()  # live(): the same rule as the article's

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "article"], name="unique_public_listing")
        ]
        indexes = [
            # expires_at too: a list's capped count is then an index-only scan (as for
            # the category and agency lists of Article)
            models.Index(
                fields=["kind", "key", "-published_at", "-article", "expires_at"],
                condition=Q(status="published"),
                name="public_listing_live_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}: {self.article_id}"


class ArticleDailyViews(models.Model):
    """Page views of one article on one day (site time zone). Filled in batches from
    cache counters by articles.most_read, never written per request."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="unique_article_day_views")
        ]
        indexes = [models.Index(fields=["day"], name="article_views_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"


# The WordPress import's models live in their own module (articles/wordpress/models.py).
from .wordpress.models import (  # noqa: E402,F401
    ImportResult,
    LegacyRedirect,
    WordPressImport,
    WordPressItem,
)
