from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from perangkat_daerah.roles import is_editor, user_pd_ids

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


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """The one definition of what the public may see. Scheduled articles become
        visible at their minute because the predicate compares with now()."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published with a future time: not public yet, becomes live() at its minute."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def visible_to(self, user):
        """What a user may see in the admin: Penulis only their own PDs' articles."""
        if is_editor(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(perangkat_daerah__in=user_pd_ids(user))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Unpublished")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        help_text=_("Part of the address. Changing it later keeps the old address working."),
    )
    dateline = models.CharField(
        _("dateline"), max_length=60, blank=True, help_text=_('Place of the news, e.g. "MATARAM".')
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
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True, db_index=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Maintained by a PostgreSQL trigger (migration 0003_public_search) on every
    # INSERT/UPDATE, so bulk_create and queryset.update() keep it right too. The GIN
    # index lives in that migration (PostgreSQL only; SQLite keeps a plain column).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "archived"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_published_at",
            ),
            models.CheckConstraint(
                condition=Q(first_published_at__isnull=True) | Q(published_at__isnull=False),
                name="first_published_implies_published_at",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            # The home headline: without it PostgreSQL scans every row for the rare flag.
            models.Index(
                fields=["-published_at"],
                condition=Q(is_featured=True),
                name="article_featured_pub_idx",
            ),
            # Category and agency lists: the newest live articles of one category/agency
            # (and their capped count) straight from an index at any archive size.
            models.Index(
                fields=["category", "-published_at"],
                condition=Q(status="published"),
                name="article_cat_live_pub_idx",
            ),
            models.Index(
                fields=["perangkat_daerah", "-published_at"],
                condition=Q(status="published"),
                name="article_pd_live_pub_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        self._remember_old_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_live

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


class Transition(models.Model):
    """One status change, written by articles.workflow only."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=10)
    to_status = models.CharField(_("to"), max_length=10)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


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


class Revision(models.Model):
    """A snapshot of all content fields, kept on every save.

    A Penulis's edit of a published article is stored here as *pending* and leaves
    the Article row untouched, so the public keeps seeing the live version until a
    Redaktur approves it (articles.workflow.approve_revision)."""

    class State(models.TextChoices):
        SAVED = "saved", _("Saved")
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SAVED)
    base_version = models.PositiveIntegerField(_("based on version"), default=0)
    content = models.JSONField(_("content"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article_id} #{self.pk}"


class Notification(models.Model):
    """An in-admin notice for one user (also e-mailed unless the user turned e-mail off)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_notifications"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, related_name="notifications"
    )
    action = models.CharField(_("action"), max_length=30)
    message = models.TextField(_("message"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.message


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_notification_pref"
    )
    email_enabled = models.BooleanField(
        _("send me e-mail"),
        default=True,
        help_text=_("Notices always appear in the newsroom; untick to stop the e-mails."),
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)


class ShareLink(models.Model):
    """A signed, expiring, revocable link that lets a reader without an account read
    one unpublished article (see articles.sharelinks)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article_id}:{self.pk}"

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
