"""What the WordPress import remembers: each run, each item's outcome, the map from the
export's ids to our objects (idempotency) and the old addresses (301 redirects).

Imported from ``articles.models`` so they belong to the ``articles`` app."""

from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _


class ExportStorage(FileSystemStorage):
    """Uploaded exports stay off the public media storage (they hold e-mail addresses).
    The folder is read from settings on every use, so it follows WORDPRESS_IMPORT_ROOT."""

    @property
    def base_location(self):
        return str(Path(settings.WORDPRESS_IMPORT_ROOT) / "exports")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())


def export_storage():
    return ExportStorage()


class WordPressImport(models.Model):
    """One run of the importer (command line or admin upload)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Stopped with an error")

    export_file = models.FileField(
        _("WordPress export (WXR)"), upload_to="%Y/%m/", storage=export_storage, blank=True
    )
    export_path = models.CharField(_("export path"), max_length=500, blank=True)
    # The uploaded file's name as it was on the Administrator's computer (the stored
    # one gets a random suffix).
    original_name = models.CharField(_("export file"), max_length=255, blank=True)
    uploads_dir = models.CharField(
        _("uploads folder"),
        max_length=500,
        blank=True,
        help_text=_("Folder on the server holding the copied wp-content/uploads."),
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    site = models.CharField(_("old site"), max_length=200, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    limit = models.PositiveIntegerField(_("limit"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    total = models.PositiveIntegerField(_("items in the export"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.source_name()} ({localtime(self.created_at):%Y-%m-%d %H:%M})"

    def source_name(self):
        """The old site, else the export's name as the Administrator chose it."""
        if self.site:
            return self.site
        if self.export_path:
            return Path(self.export_path).name
        return self.original_name or Path(self.export_file.name).name

    def outcome_label(self, outcome):
        """How an outcome reads in this run's report (a dry run saved nothing)."""
        if self.dry_run:
            return DRY_RUN_OUTCOMES.get(outcome, outcome)
        return ImportResult.Outcome(outcome).label if outcome in ImportResult.Outcome else outcome


class ImportResult(models.Model):
    """The outcome of one item of one run (the report, downloadable as CSV)."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("imported")
        UPDATED = "updated", _("updated")
        SKIPPED = "skipped", _("skipped")
        FAILED = "failed", _("failed")

    run = models.ForeignKey(WordPressImport, on_delete=models.CASCADE, related_name="results")
    wp_id = models.BigIntegerField(_("WordPress id"), null=True)
    kind = models.CharField(_("type"), max_length=20)
    title = models.CharField(_("title"), max_length=300, blank=True)
    outcome = models.CharField(_("result"), max_length=10, choices=Outcome.choices)
    message = models.TextField(_("message"), blank=True)
    url = models.CharField(_("new address"), max_length=500, blank=True)

    # WordPress's item types and statuses as the report names them.
    KINDS = {
        "post": _("post"),
        "page": _("page"),
        "attachment": _("attachment"),
        "category": _("category"),
        "tag": _("tag"),
        "nav_menu_item": _("menu item"),
        "revision": _("revision"),
        "wp_block": _("reusable block"),
    }

    class Meta:
        verbose_name = _("import result")
        verbose_name_plural = _("import results")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.kind_label()} {self.wp_id}: {self.get_outcome_display()}"

    def kind_label(self):
        return str(self.KINDS.get(self.kind, self.kind))


DRY_RUN_OUTCOMES = {
    ImportResult.Outcome.IMPORTED: _("would be imported"),
    ImportResult.Outcome.UPDATED: _("would be updated"),
    ImportResult.Outcome.SKIPPED: _("would be skipped"),
    ImportResult.Outcome.FAILED: _("would fail"),
}


class WordPressItem(models.Model):
    """Which of our objects a WordPress post, attachment or term became. Re-running an
    export finds its items here: nothing is created twice."""

    site = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    wp_id = models.BigIntegerField()
    guid = models.CharField(max_length=500, blank=True)
    parent_wp_id = models.BigIntegerField(null=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    # The content's version right after the import last wrote it: a different version
    # means the newsroom changed it here since, and a re-import leaves it alone.
    written_version = models.PositiveIntegerField(null=True)
    # WordPress's post_modified of what was last imported: an older export is refused.
    modified = models.DateTimeField(null=True)
    # Of the post's title, text and excerpt: WordPress moves post_modified whenever these
    # change, so other text at the same post_modified is not a newer version.
    text_fingerprint = models.CharField(max_length=64, blank=True)
    # The article, page … a post became: any type registered with publishing.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True)
    content_object = GenericForeignKey()
    category = models.ForeignKey(
        "articles.Category", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    image = models.ForeignKey(
        "media_library.Image", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    document = models.ForeignKey(
        "media_library.Document", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="unique_wp_item")
        ]

    def __str__(self):
        return f"{self.site} {self.kind} {self.wp_id}"


class LegacyRedirect(models.Model):
    """An address of the old WordPress site that answers 301 to its new place.

    ``old_path`` is the normalised key (see ``articles.wordpress.redirects.legacy_key``);
    the target is the imported object (an article, a page … any type registered with
    publishing), category or tag, so later slug changes and moves are followed, or, for
    media files and feeds, a fixed address."""

    old_path = models.CharField(_("old address"), max_length=500, unique=True)
    site = models.CharField(_("old site"), max_length=200, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_object = GenericForeignKey()
    category = models.ForeignKey(
        "articles.Category", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target = models.CharField(_("new address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("old WordPress address")
        verbose_name_plural = _("old WordPress addresses")

    def __str__(self):
        return self.old_path
