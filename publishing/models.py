"""What every content type shares: the status and its visibility rule (an abstract
model and queryset), and the generic records the workflow keeps for any of them:
revisions, the transition log, notifications and share links."""

from contextvars import ContextVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_editor, user_pd_ids


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Unpublished")


# While publishing.statements compiles a statement for reuse, live() compares with this
# stand-in time; every execution of the statement puts the real time in its place.
STAND_IN_NOW = ContextVar("publishing_stand_in_now", default=None)


class PublishableQuerySet(models.QuerySet):
    def live(self):
        """The one definition of what the public may see. Scheduled items appear and
        expiring items leave at their minute because the predicate compares with now()."""
        now = STAND_IN_NOW.get() or timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def scheduled(self):
        """Published with a future time: not public yet, becomes live() at its minute."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def expired(self):
        """Published and past its expiry time: no longer in any public list."""
        return self.filter(status=Status.PUBLISHED, expires_at__lte=timezone.now())

    def visible_to(self, user):
        """What a user may see in the admin: a Penulis only their own PDs' items."""
        if is_editor(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(perangkat_daerah__in=user_pd_ids(user))


class Publishable(models.Model):
    """Status, publication window, approval and version of a content item. Only
    publishing.workflow writes these fields (they are not editable in forms)."""

    Status = Status

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Leaves every public page at this minute. Empty: never."),
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
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
    # Bumped by every save and status change: a form loaded at an older version is stale.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The revision whose content the public sees (set by publish and approve). A
    # proposal built on another one is refused at approval.
    live_revision = models.ForeignKey(
        "publishing.Revision",
        verbose_name=_("live revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    revisions = GenericRelation("publishing.Revision", related_query_name="%(class)s")
    transitions = GenericRelation("publishing.Transition", related_query_name="%(class)s")
    share_links = GenericRelation("publishing.ShareLink", related_query_name="%(class)s")
    notices = GenericRelation("publishing.Notification", related_query_name="%(class)s")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "archived"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(first_published_at__isnull=True) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_first_published_has_time",
            ),
        ]

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_scheduled(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_expired(self):
        return (
            self.status == Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )


class ForContent(models.Model):
    """A record about one content item of any registered type."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class Revision(ForContent):
    """A complete snapshot of a content item (every field and relation), kept on every
    save. A change to published content is stored here as *pending*: the public keeps
    the live version until a Redaktur approves it."""

    class State(models.TextChoices):
        SAVED = "saved", _("Saved")
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Sent back")
        SUPERSEDED = "superseded", _("Superseded")

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
    # For a proposal: the live revision it was built on (see Publishable.live_revision).
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content = models.JSONField(_("content"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "state"], name="revision_object_idx")
        ]

    def __str__(self):
        return f"#{self.pk}"


class Transition(ForContent):
    """One status change or approval, written by publishing.workflow only."""

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
        indexes = [models.Index(fields=["content_type", "object_id"], name="transition_object_idx")]

    def __str__(self):
        return f"{self.object_id}: {self.from_status} → {self.to_status}"

    @property
    def action_label(self):
        from .steps import action_label

        return action_label(self.action)

    @property
    def from_label(self):
        return Status(self.from_status).label if self.from_status in Status.values else "—"

    @property
    def to_label(self):
        return Status(self.to_status).label if self.to_status in Status.values else "—"


class Notification(ForContent):
    """An in-admin notice for one user (also e-mailed unless the user turned e-mail off)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_pref"
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


class ShareLink(ForContent):
    """A signed, expiring, revocable link that lets a reader without an account read
    one unpublished item (see publishing.sharelinks)."""

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
        return f"{self.object_id}:{self.pk}"

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
