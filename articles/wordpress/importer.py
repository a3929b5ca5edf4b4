"""Import a WordPress export: terms and media first, then posts, then the item types
content apps import (pages, through ``publishing.imports``; parents before children),
then links to items that came later.

Each item is written in its own transaction together with its map row
(``WordPressItem``), so a killed import leaves nothing half-done and the next run
picks up where it stopped: items already imported and unchanged are skipped, changed
ones are updated, nothing is created twice. Every problem with one item becomes a
line in the report; only an unreadable export file stops the run.
"""

import hashlib
import json
import logging
import multiprocessing
import posixpath
import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, IntegrityError, connection, connections, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, Category, GalleryItem
from authors.models import Author
from media_library import pipeline
from media_library.models import Document, Image
from publishing import imports
from publishing.imports import ImportedItem

from . import adapter, clean
from .models import ImportResult, LegacyRedirect, WordPressImport, WordPressItem
from .parse import ExportError, read_export
from .redirects import SIZE_VARIANT, key_of_url, legacy_key, resolve

logger = logging.getLogger(__name__)
Out = ImportResult.Outcome
S = Article.Status
IMAGE_EXTENSIONS = {e for exts in pipeline.IMAGE_EXTENSIONS.values() for e in exts}
DOCUMENT_EXTENSIONS = {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"}
STATUS_MAP = {"publish": S.PUBLISHED, "future": S.PUBLISHED, "draft": S.DRAFT, "pending": S.REVIEW}
UNCATEGORIZED = {"uncategorized", "tak-berkategori", "tidak-berkategori"}
DEFAULT_CATEGORY = "berita"
STATUS_LABELS = {
    "private": gettext_lazy("private"),
    "trash": gettext_lazy("in the trash"),
    "auto-draft": gettext_lazy("automatic drafts"),
    "inherit": gettext_lazy("revisions"),
}
TAG_SLUG = re.compile(r"[-\w]{1,100}")  # what the tag address accepts (articles.converters)
# Posts are read in batches: what a batch needs from the database (map rows, old
# addresses, taken slugs, featured images) is read with one query per kind.
POST_BATCH = 100
# With several processes each takes whole blocks of consecutive items (a post usually
# links to the one before it, which is then imported by the same process first).
SHARD_BLOCK = POST_BATCH
# A post body larger than this is refused (the report says so): nothing a newsroom
# writes comes near it, and a huge one ties up the worker and the admin pages.
MAX_BODY_CHARS = 2 * 1024 * 1024


class Lookups:
    """Database facts one batch of posts needs, read up front. It holds only committed
    state: rows read before the batch, and rows written by items of the batch once
    their transaction has committed. A key it was not asked about is read as before."""

    def __init__(self):
        self.maps, self.map_ids = {}, set()  # (kind, wp_id) -> WordPressItem
        self.images, self.image_ids = {}, set()  # attachment wp_id -> WordPressItem
        self.redirects, self.redirect_keys = {}, set()  # old key -> LegacyRedirect
        self.slugs, self.slug_bases = set(), set()  # article slugs taken

    def add(self, maps=(), redirects=(), slugs=()):
        for key, row in maps:
            self.maps[key] = row
            self.map_ids.add(key)
        for row in redirects:
            self.redirects[row.old_path] = row
            self.redirect_keys.add(row.old_path)
        self.slugs.update(slugs)


class Needs:
    """With --limit N: the first N posts and pages of the export and what they need
    (their featured images, gallery pictures, files they show or link, attachments
    hanging under them, their categories and tags); nothing else is imported."""

    def __init__(self, source, limit):
        self.posts, self.attachments, self.files = set(), set(), set()
        self.categories, self.tags = set(), set()
        try:
            for kind, item in read_export(source):
                if kind != "item" or item["post_type"] not in ("post", "page"):
                    continue
                if len(self.posts) >= limit:
                    break
                self._add(item)
        except ExportError:
            pass  # the passes report the damage

    def _add(self, item):
        self.posts.add(item["post_id"])
        thumb = str(item["meta"].get("_thumbnail_id") or "")
        if thumb.isdigit():
            self.attachments.add(int(thumb))
        body = item["content"] or ""
        for gallery in clean.GALLERY.finditer(body):
            ids = clean.IDS.search(gallery.group("attrs"))
            if ids:
                self.attachments.update(int(i) for i in re.findall(r"\d+", ids.group("ids")))
        for url in re.findall(r"/wp-content/uploads/[^\"'\s<>)]+", body):
            self.files.add(legacy_key(unescape(url))[0])
        self.categories.update(unquote(n).lower() for n, _name in item["categories"])
        self.tags.update(unquote(n).lower() for n, _name in item["tags"])

    def wants_attachment(self, item):
        relative = item["meta"].get("_wp_attached_file") or ""
        return (
            item["post_id"] in self.attachments
            or item["post_parent"] in self.posts
            or (relative and legacy_key(f"/wp-content/uploads/{relative}")[0] in self.files)
        )


class _DryRun(Exception):
    def __init__(self, outcome):
        self.outcome = outcome


def site_key(url):
    """The old site's identity: host and path, lower case, without scheme or www."""
    parts = urlsplit((url or "").strip().lower())
    host = parts.netloc.removeprefix("www.")
    return (host + parts.path.rstrip("/"))[:200]


def fingerprint(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def parse_date(gmt, local):
    """WordPress's GMT date, else the local one in the site time zone; None if neither."""
    for value, aware in ((gmt, True), (local, False)):
        if not value or value.startswith("0000"):
            continue
        try:
            moment = datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        if not 1 < moment.year < 9999:  # time zone arithmetic must not overflow
            continue
        return moment.replace(tzinfo=UTC) if aware else timezone.make_aware(moment)
    return None


class Importer:
    def __init__(self, run, user, progress=None, jobs=1):
        self.run = run
        self.user = user
        self.pd = run.perangkat_daerah
        self.dry_run = run.dry_run
        self.uploads = Path(run.uploads_dir).resolve() if run.uploads_dir else None
        self.progress = progress or (lambda done, total: None)
        self.site = ""
        self.hosts = set()
        self.authors = {}  # login -> display name (small: one per WordPress user)
        self.parents = {}  # category nicename -> parent nicename
        self.category_ids = {}  # category nicename -> our category id
        # Small caches of rows known to be committed (filled after each item commits).
        self.known = {"category": {}, "author": {}, "tag": {}}
        self.document_parents = set()
        self.unresolved_links = False
        # (model label, pk) of objects whose links point at items imported later
        self.relink = []
        # Old item types a content app imports (publishing.imports): WordPress pages.
        self.handlers = imports.handlers()
        self.tree = {}  # wp_id of such an item -> (its parent's wp_id, its post_name)
        self.chosen = set()  # with --limit: the wp_ids of such items within the limit
        self.note = _("WordPress import")
        self.counts = dict.fromkeys(Out.values, 0)
        self.needs = None  # with --limit: what the limited run imports (see Needs)
        # Several processes share the items by post id (media and posts use both cores).
        self.jobs = 1 if run.limit or run.dry_run else max(1, jobs)
        self.shard = None
        self.position = 0  # items of the current pass seen so far (for the shares)
        self.lookups = None  # the current batch's Lookups
        self.pending = []  # cache updates that wait for the item's transaction to commit
        # A dry run stores no media: what the real run would have, so posts are checked
        # against it (attachment wp_id -> facts of the valid image; old key -> address).
        self.dry_images = {}
        self.dry_addresses = {}
        self.dry_hashes = set()  # pictures the dry run has seen (duplicates are told)
        self.dead_links = []  # the current post's links to files that are not there
        self.author_pages = {}  # login -> author whose /author/LOGIN/ address is recorded

    # --- running ---------------------------------------------------------------

    def source(self):
        return self.run.export_file.path if self.run.export_file else self.run.export_path

    def execute(self):
        run = self.run
        run.state = WordPressImport.State.RUNNING
        run.save(update_fields=["state"])
        try:
            return self._execute()
        except Exception as error:
            # Whatever went wrong, the run must not stay "running" for ever.
            logger.exception("WordPress import %s stopped", run.pk)
            WordPressImport.objects.filter(pk=run.pk).update(
                state=WordPressImport.State.FAILED,
                message=_("The import stopped because of an unexpected error: %(error)s")
                % {"error": error},
                finished_at=timezone.now(),
            )
            run.refresh_from_db()
            return self.counts
        finally:
            _strict_commits()

    def _execute(self):
        run = self.run
        errors = []
        if run.limit:
            self.needs = Needs(self.source(), run.limit)
        steps = [self._pass_terms_and_media, self._pass_posts, self._pass_typed]
        if self.jobs > 1:
            steps = [
                self._pass_terms_and_media,
                lambda: self._parallel("_pass_attachments"),
                lambda: self._parallel("_pass_posts"),
                self._pass_typed,  # few items, parents first: in this process
            ]
        with adapter.muted():
            # A damaged file stops each pass at the damage; everything before it is
            # still imported (posts too), and the run ends as failed with the reason.
            for step in steps:
                try:
                    step()
                except ExportError as error:
                    errors.append(str(error))
            if self.jobs > 1 and self.relink:
                self._parallel("_pass_links")
            else:
                self._pass_links()
        if self.jobs > 1:
            self.counts = dict.fromkeys(Out.values, 0)
            for outcome in run.results.values_list("outcome", flat=True).iterator():
                self.counts[outcome] += 1
        # Every item read ends as one report row: the counter ends where the rows do.
        run.processed = sum(self.counts.values())
        if not errors:
            run.total = run.processed
        run.state = WordPressImport.State.FAILED if errors else WordPressImport.State.DONE
        run.message = errors[0] if errors else ""
        run.finished_at = timezone.now()
        run.save(update_fields=["state", "message", "finished_at", "processed", "total", "site"])
        return self.counts

    def _parallel(self, step):
        """Run one pass in ``jobs`` forked processes, each with its own connection and
        its share of the items; collect the items whose links need pass 4."""
        global _CURRENT
        _CURRENT = self
        connections.close_all()  # children must never share the parent's socket
        # One forked process and one pipe per share. Not multiprocessing.Pool: its
        # queue locks and helper threads can be inherited locked by a fork and hang.
        context = multiprocessing.get_context("fork")
        children = []
        for n in range(self.jobs):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_shard_child, args=(send, (step, n)))
            child.start()
            send.close()
            children.append((child, receive))
        answers = []
        for child, receive in children:
            try:
                answers.append(receive.recv())
            except EOFError:
                answers.append(([], _("an import process ended unexpectedly")))
            child.join()
        _CURRENT = None
        for relink, error in answers:
            self.relink += relink
            if error:
                raise ExportError(error)

    def _pass_attachments(self):
        _relaxed_commits()
        self.position = 0
        for kind, data in read_export(self.source()):
            if kind == "item" and data["post_type"] == "attachment":
                self._limited_item(data, self._attachment)

    def _tick(self):
        if self.shard is not None:
            self._shard_ticks += 1
            if self._shard_ticks % 25 == 0:
                WordPressImport.objects.filter(pk=self.run.pk).update(processed=F("processed") + 25)
            return
        self.run.processed += 1
        if self.run.processed % 50 == 0 or self.run.processed == self.run.total:
            WordPressImport.objects.filter(pk=self.run.pk).update(processed=self.run.processed)
        self.progress(self.run.processed, self.run.total)

    def _result(self, kind, wp_id, title, outcome, message="", url=""):
        self.counts[outcome] += 1
        ImportResult.objects.create(
            run=self.run,
            wp_id=wp_id,
            kind=kind,
            title=(title or "")[:300],
            outcome=outcome,
            message=message,
            url=url[:500],
        )

    def _atomic(self, kind, wp_id, title, work):
        """Run one item's work in its own transaction; any failure becomes a report line.
        The item's report line is written in the same transaction (one commit per item).
        With several processes two may create the same writer or slug at once: the
        loser's transaction is rolled back and the item tried once more."""
        for attempt in (1, 2):
            self.pending = []
            try:
                with transaction.atomic():
                    outcome = work()
                    if self.dry_run:
                        raise _DryRun(outcome)
                    self._result(kind, wp_id, title, *outcome)
                # Committed (the item's block is the outermost one when run for real):
                # what it wrote may now be remembered.
                for remember in self.pending:
                    remember()
                self.pending = []
                return
            except _DryRun as done:
                outcome = done.outcome
            except ValidationError as error:
                outcome = (Out.FAILED, " ".join(error.messages), "")
            except (IntegrityError, DataError, ValueError, OverflowError, OSError) as error:
                # Rolled back: rows of the batch's lookups may have been changed in
                # memory; the rest of the batch reads from the database.
                self.lookups = None
                if isinstance(error, IntegrityError) and attempt == 1:
                    self.known = {"category": {}, "author": {}, "tag": {}}
                    continue
                logger.warning("WordPress import: %s %s failed", kind, wp_id, exc_info=True)
                outcome = (Out.FAILED, _("Could not be saved: %(error)s") % {"error": error}, "")
            break
        self.lookups = None
        self.pending = []
        self._result(kind, wp_id, title, *outcome)

    # --- pass 1: site, authors, terms, attachments ------------------------------

    def _pass_terms_and_media(self):
        _relaxed_commits()
        self.run.total = 0
        self.position = 0
        for kind, data in read_export(self.source()):
            if kind == "site":
                self._site(data)
            elif kind == "author":
                self.authors[data["login"]] = clean.one_line(data["display_name"] or data["login"])
            elif kind == "category":
                slug = unquote(data["slug"])
                self.parents[slug] = unquote(data["parent"])
                if self.needs is None or slug.lower() in self.needs.categories:
                    self._term("category", data, self._category)
            elif kind == "tag":
                if self.needs is None or unquote(data["slug"]).lower() in self.needs.tags:
                    self._term("tag", data, self._tag)
            elif kind == "item":
                if data["post_type"] in self.handlers:
                    self.tree[data["post_id"]] = (data["post_parent"], unquote(data["post_name"]))
                if not self._wanted(data):
                    continue
                self.run.total += 1
                if data["post_type"] == "attachment" and self.jobs == 1:
                    self._limited_item(data, self._attachment)

    def _term(self, kind, data, work):
        self.run.total += 1
        self._tick()
        self._atomic(kind, data["term_id"], unescape(data["name"]), lambda: work(data))

    def _site(self, data):
        base = data.get("base_site_url") or data.get("link") or ""
        self.site = site_key(base)
        for url in (base, data.get("base_blog_url"), data.get("link")):
            host = urlsplit(url or "").netloc.lower()
            if host:
                self.hosts |= {host, host.removeprefix("www."), "www." + host.removeprefix("www.")}
        self.run.site = self.site
        if not self.dry_run:
            self._redirect("/feed/", target="/rss/")
            self._redirect("/comments/feed/", target="/rss/")

    def _select(self, item):
        """Whether this process imports the item (its share of the pass, within --limit)."""
        self.position += 1
        if (
            self.shard is not None
            and ((self.position - 1) // SHARD_BLOCK) % self.jobs != self.shard
        ):
            return False
        return self._wanted(item)

    def _wanted(self, item):
        """Whether the run imports the item at all (with --limit: the first posts and
        pages, and the attachments they use)."""
        needs = self.needs
        if needs is None:
            return True
        if item["post_type"] == "attachment":
            return needs.wants_attachment(item)
        return item["post_id"] in needs.posts

    def _limited_item(self, item, work):
        if self._select(item):
            self._item(item, work)

    def _item(self, item, work):
        self._tick()
        title = _title(item) or item.get("post_name", "")
        self._atomic(item["post_type"], item["post_id"], title, lambda: work(item))

    def _map(self, kind, wp_id):
        lookups = self.lookups
        if lookups is not None:
            if (kind, wp_id) in lookups.map_ids:
                return lookups.maps.get((kind, wp_id))
            if kind == "attachment" and wp_id in lookups.image_ids:
                return lookups.images.get(wp_id)
        rows = WordPressItem.objects.filter(site=self.site, kind=kind, wp_id=wp_id)
        return rows.prefetch_related(imports.target_prefetch()).first()

    def _remember(self, kind, wp_id, found=None, **fields):
        if found is None:
            found = WordPressItem.objects.create(site=self.site, kind=kind, wp_id=wp_id, **fields)
        else:
            for name, value in fields.items():
                setattr(found, name, value)
            found.save()
        if kind != "attachment":
            self._committed(maps=[((kind, wp_id), found)])

    def _after_commit(self, cache, key, value):
        self.pending.append(lambda: cache.__setitem__(key, value))

    def _committed(self, **facts):
        """Add rows the current item wrote to the batch's lookups once it has committed."""
        lookups = self.lookups
        if lookups is not None:
            self.pending.append(lambda: lookups.add(**facts))

    def _redirect(self, old, **target):
        conflicts = self._redirects([old], **target)
        return conflicts[0] if conflicts else ""

    def _redirects(self, olds, **target):
        """Record old addresses (paths or full URLs) of one object with two queries (one
        when the batch's lookups know them). Returns the keys that already belong to
        another site's import (not taken over)."""
        keys = _keys(olds)
        existing = self._existing_redirects(keys)
        fields = {"content_object": None, "category": None, "tag": None, "target": "", **target}
        new, conflicts = [], []
        for key in keys:
            row = existing.get(key)
            if row is None:
                new.append(LegacyRedirect(old_path=key, site=self.site, **fields))
            elif row.site != self.site:
                conflicts.append(key)
            elif any(_value(row, name) != _value_of(name, value) for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                row.save()
        LegacyRedirect.objects.bulk_create(new, ignore_conflicts=self.jobs > 1)
        if new:
            self._committed(redirects=new)
        return conflicts

    def _existing_redirects(self, keys):
        lookups = self.lookups
        if lookups is None:
            asked = keys
            found = {}
        else:
            asked = [k for k in keys if k not in lookups.redirect_keys]
            found = {k: lookups.redirects[k] for k in keys if k in lookups.redirects}
        if asked:
            rows = (
                LegacyRedirect.objects.filter(old_path__in=asked)
                .select_related("category", "tag")
                .prefetch_related(imports.target_prefetch())
            )
            found.update((r.old_path, r) for r in rows)
        return found

    def _redirect_row(self, key):
        """The LegacyRedirect of one old key (with its target loaded), or None."""
        return self._existing_redirects([key]).get(key) if key else None

    def _default_category(self):
        """Where WordPress's "Uncategorized" goes: our "Berita", else the first category."""
        return (
            Category.objects.filter(slug=DEFAULT_CATEGORY).first()
            or Category.objects.order_by("order", "name").first()
        )

    def _uncategorized(self, slug):
        """WordPress's default category is never created here (it would get a block on
        the home page): it is mapped to our default category, or to none."""
        category = self._default_category()
        if category is None:
            return Out.SKIPPED, _("WordPress's default category is not created here"), ""
        self._after_commit(self.category_ids, slug.lower(), category.pk)
        self._redirect(f"/category/{slug}/", category=category)
        message = _("WordPress's default category: its posts go to the category “%(name)s”") % {
            "name": category.name
        }
        return Out.SKIPPED, message, f"/kategori/{category.slug}/"

    def _category(self, data):
        slug = unquote(data["slug"])
        self.parents[slug] = unquote(data["parent"])
        name = clean.one_line(unescape(data["name"]))[:100] or slug
        if _is_uncategorized(slug, name):
            return self._uncategorized(slug)
        found = self._map("category", data["term_id"])
        category = found.category if found and found.category else None
        outcome = Out.SKIPPED if category else Out.IMPORTED
        message = _("already imported") if category else ""
        if category is None:
            category = Category.objects.filter(name=name).first()
            if category is None:
                category = Category.objects.create(
                    name=name, slug=_unique(Category, slugify(slug) or slugify(name) or "kategori")
                )
            else:
                message = _("merged with the existing category")
            self._remember("category", data["term_id"], found, category=category)
        self._after_commit(self.category_ids, slug.lower(), category.pk)
        parent = self.parents[slug]
        if parent:
            chain, seen = [slug], set()
            while parent and parent not in seen:
                seen.add(parent)
                chain.insert(0, parent)
                parent = self.parents.get(parent, "")
            note = _("nested under “%(parent)s”: flattened to a category of its own") % {
                "parent": self.parents[slug]
            }
            message = f"{message}; {note}" if message else note
            self._redirect("/category/" + "/".join(chain) + "/", category=category)
        self._redirects([f"/category/{slug}/", f"/?cat={data['term_id']}"], category=category)
        self._redirect(f"/category/{slug}/feed/", target=f"/kategori/{category.slug}/rss/")
        return outcome, message, f"/kategori/{category.slug}/"

    def _tag(self, data):
        name = clean.one_line(unescape(data["name"]))  # otherwise unchanged: accents, emoji …
        if not name.strip():
            return Out.SKIPPED, _("tag without a name"), ""
        slug = unquote(data["slug"]).lower()
        tag = Tag.objects.filter(name=name[:100]).first()
        created = tag is None
        if created:
            tag = Tag(name=name[:100], slug=_free_tag_slug(slug))
            tag.save()
        self._redirects([f"/tag/{slug}/", f"/?tag={slug}"], tag=tag)
        self._redirect(f"/tag/{slug}/feed/", target="/rss/")  # we have no feed per tag
        return (
            (Out.IMPORTED if created else Out.SKIPPED),
            ("" if created else _("already exists")),
            "",
        )

    def _attachment(self, item):
        if item["post_id"] is None:
            raise ValidationError(_("the item has no valid WordPress id (wp:post_id)"))
        meta = item["meta"]
        relative = meta.get("_wp_attached_file") or ""
        url = item.get("attachment_url", "")
        if not relative and "/wp-content/uploads/" in url:
            relative = unquote(url.split("/wp-content/uploads/", 1)[1])
        extension = posixpath.splitext(relative)[1].lower().lstrip(".")
        data_print = fingerprint(
            [relative, item["title"], item["excerpt"], meta.get("_wp_attachment_image_alt")]
        )
        found = self._map("attachment", item["post_id"])
        if found and found.fingerprint == data_print and (found.image_id or found.document_id):
            return Out.SKIPPED, _("unchanged since the last import"), ""
        if extension not in IMAGE_EXTENSIONS | DOCUMENT_EXTENSIONS:
            return (
                Out.SKIPPED,
                _("file type “%(ext)s” is not imported") % {"ext": extension or "?"},
                "",
            )
        data = self._read_upload(relative)
        title = _title(item)[:200] or posixpath.basename(relative)
        image = document = None
        if extension in IMAGE_EXTENSIONS:
            if self.dry_run:
                valid = pipeline.clean_image_bytes(data, relative)
                self.dry_images[item["post_id"]] = {
                    "title": title,
                    "alt_text": unescape(meta.get("_wp_attachment_image_alt", ""))[:250],
                    "width": valid.width,
                    "height": valid.height,
                    "file_size": len(valid.content),
                    "content_hash": valid.source_hash,
                }
                self._dry_addresses(item, relative, url)
                digest = pipeline.content_hash(data)
                same = digest in self.dry_hashes or pipeline.find_duplicate_image(digest)
                self.dry_hashes.add(digest)
                message = _("same picture as an image already in the library") if same else ""
                return (Out.UPDATED if found else Out.IMPORTED), message, ""
            image = pipeline.find_duplicate_image(pipeline.content_hash(data))
            message = _("same picture as an image already in the library") if image else ""
            if image is None:
                image = pipeline.ingest_image(
                    SimpleUploadedFile(posixpath.basename(relative), data),
                    title=title,
                    alt_text=unescape(meta.get("_wp_attachment_image_alt", ""))[:250],
                    caption=unescape(clean.strip_tags(item["excerpt"]))[:300],
                    perangkat_daerah=self.pd,
                    uploaded_by=self.user,
                )
            target = image.file.url
        else:
            if self.dry_run:
                pipeline.clean_document_bytes(data, relative)
                self._dry_addresses(item, relative, url)
                return (Out.UPDATED if found else Out.IMPORTED), "", ""
            document = Document.objects.filter(content_hash=pipeline.content_hash(data)).first()
            message = _("same file as a document already in the library") if document else ""
            if document is None:
                document = pipeline.ingest_document(
                    SimpleUploadedFile(posixpath.basename(relative), data),
                    title=title,
                    perangkat_daerah=self.pd,
                    uploaded_by=self.user,
                )
            target = document.get_download_url()
        self._remember(
            "attachment",
            item["post_id"],
            found,
            guid=item["guid"][:500],
            parent_wp_id=item["post_parent"] or None,
            fingerprint=data_print,
            image=image,
            document=document,
        )
        olds = [f"/wp-content/uploads/{relative}", f"/?attachment_id={item['post_id']}", url]
        if item["link"] and "attachment_id=" not in item["link"]:
            olds.append(item["link"])
        conflicts = self._redirects([o for o in olds if o], target=target)
        if conflicts:
            message = _join(message, _conflict_note(conflicts))
        return (Out.UPDATED if found else Out.IMPORTED), message, target

    def _dry_addresses(self, item, relative, url):
        """Remember where a file checked by the dry run would be served from."""
        for key in _keys([f"/wp-content/uploads/{relative}", url]):
            self.dry_addresses[key] = f"/media/uji-coba/{posixpath.basename(relative)}"

    def _read_upload(self, relative):
        if self.uploads is None:
            raise ValidationError(_("No uploads folder was given (--uploads)."))
        path = (self.uploads / relative).resolve()
        if not path.is_relative_to(self.uploads) or not relative:
            raise ValidationError(
                _("The file path “%(path)s” leaves the uploads folder.") % {"path": relative}
            )
        if not path.is_file():
            raise ValidationError(
                _("The file “%(path)s” is missing from the uploads folder.") % {"path": relative}
            )
        if path.stat().st_size > settings.MEDIA_MAX_UPLOAD_BYTES:
            mb = settings.MEDIA_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise ValidationError(
                _("The file is too large. The maximum is %(mb)s MB.") % {"mb": mb}
            )
        return path.read_bytes()

    # --- pass 2: posts ------------------------------------------------------------

    def _pass_posts(self):
        WordPressImport.objects.filter(pk=self.run.pk).update(total=self.run.total)
        self.document_parents = set(
            WordPressItem.objects.filter(
                site=self.site, kind="attachment", document__isnull=False
            ).values_list("parent_wp_id", flat=True)
        )
        _relaxed_commits()
        self.position = 0
        batch = []
        try:
            for kind, data in read_export(self.source()):
                if kind != "item" or data["post_type"] == "attachment":
                    continue
                if data["post_type"] in self.handlers:
                    # Imported in their own pass; --limit counts them where they stand.
                    if self.run.limit and self._select(data):
                        self.chosen.add(data["post_id"])
                    continue
                if self._select(data):
                    batch.append(data)
                    if len(batch) == POST_BATCH:
                        self._posts(batch)
                        batch = []
        except ExportError:
            self._posts(batch)  # every complete item before the damage is imported
            raise
        self._posts(batch)

    def _posts(self, batch):
        if not batch:
            return
        self.lookups = self._prefetch(batch)
        unwritten = []  # report rows of items that need no write, saved together
        try:
            for item in batch:
                if self.lookups is None:  # an item failed: the rest reads the database
                    self.lookups = Lookups()
                done = self._post_without_writes(item)
                if done is not None:
                    self._tick()
                    self.counts[done[0]] += 1
                    unwritten.append(self._result_row(item, *done))
                    continue
                # Rows stay in file order: the ones waiting go first.
                ImportResult.objects.bulk_create(unwritten)
                unwritten = []
                handler = self.handlers.get(item["post_type"])
                self._item(item, self._post if handler is None else self._typed)
        finally:
            self.lookups = None
            ImportResult.objects.bulk_create(unwritten)

    def _result_row(self, item, outcome, message="", url=""):
        title = _title(item) or item.get("post_name", "")
        return ImportResult(
            run=self.run,
            wp_id=item["post_id"],
            kind=item["post_type"],
            title=title[:300],
            outcome=outcome,
            message=message,
            url=url[:500],
        )

    def _prefetch(self, batch):
        """One query per kind for what the batch's posts need: their map rows (with the
        article), their featured images, the old addresses they record or link to, and
        which of their slugs are taken."""
        lookups = Lookups()
        wanted = {(item["post_type"], item["post_id"]) for item in batch}
        for item in batch:
            if item["post_type"] in self.handlers:
                parent = self._placement(item)[0]
                if parent:
                    wanted.add((item["post_type"], parent))
        lookups.map_ids = wanted
        by_kind = {}
        for kind, wp_id in wanted:
            by_kind.setdefault(kind, []).append(wp_id)
        which = Q()
        for kind, ids in by_kind.items():
            which |= Q(kind=kind, wp_id__in=ids)
        for row in WordPressItem.objects.filter(which, site=self.site).prefetch_related(
            imports.target_prefetch()
        ):
            lookups.maps[(row.kind, row.wp_id)] = row
        thumbs = {
            int(value)
            for item in batch
            if str(value := item["meta"].get("_thumbnail_id") or "").isdigit()
        }
        if thumbs:
            lookups.image_ids = thumbs
            for row in WordPressItem.objects.filter(
                site=self.site, kind="attachment", wp_id__in=thumbs
            ).select_related("image"):
                lookups.images[row.wp_id] = row
        keys = set()
        for item in batch:
            keys.update(_keys(self._paths(item)))
            for match in clean.ATTR_URL.finditer(item["content"] or ""):
                url = unescape(match.group("url")).strip()
                if match.group("tag").lower() == "img" or self._is_local(url):
                    keys.add(key_of_url(url))
        keys.discard(None)
        lookups.redirect_keys = keys
        for start in range(0, len(keys), 1000):
            chunk = list(keys)[start : start + 1000]
            for row in (
                LegacyRedirect.objects.filter(old_path__in=chunk)
                .select_related("category", "tag")
                .prefetch_related(imports.target_prefetch())
            ):
                lookups.redirects[row.old_path] = row
        bases = {self._slug_base(item) for item in batch if item["post_type"] == "post"}
        lookups.slug_bases = bases
        lookups.slugs = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True))
        return lookups

    @staticmethod
    def _slug_base(item):
        title = _title(item)[:200] or _("(untitled)")
        base = slugify(unquote(item["post_name"])) or slugify(title) or "berita"
        return base[:200].strip("-")[:200] or "item"

    def _article_slug(self, item):
        """A free slug for a new article (the batch knows whether its base is taken)."""
        base = self._slug_base(item)
        lookups = self.lookups
        if lookups is not None and base in lookups.slug_bases and base not in lookups.slugs:
            slug = base
        else:
            slug = _unique(Article, base)
        self._committed(slugs=[slug])
        return slug

    def _post(self, item):
        done = self._post_without_writes(item)
        if done is not None:
            return done
        when = parse_date(item.get("post_date_gmt"), item.get("post_date"))
        found = self._map("post", item["post_id"])
        article = found.content_object if found else None
        data_print = fingerprint(item)
        notes = []
        wanted = _wanted_status(item, notes)
        self.unresolved_links = False
        self.dead_links = []
        featured = self._image(item["meta"].get("_thumbnail_id"))
        body = clean.clean_content(
            item["content"],
            self._media_url,
            self._link_url,
            photo_credit_free=featured is not None and not featured.credit,
        )
        notes += self._image_notes(body.notes)
        if self.dead_links:
            notes.append(
                _("links to files that are not in the uploads (left as they were): %(files)s")
                % {"files": ", ".join(self.dead_links[:5])}
            )
        if body.photo_credit:
            # The featured image had no credit: "Foto: …" of the credit line becomes it.
            Image.objects.filter(pk=featured.pk, credit="").update(credit=body.photo_credit[:120])
        lead, body_html = clean.lead_and_body(item["excerpt"], body.html)
        fields = {
            "title": _title(item, notes),
            "lead": lead,
            "body": body_html,
            "category": self._pick_category(item["categories"]),
            "featured_image": featured,
        }
        if item["meta"].get("_thumbnail_id") and fields["featured_image"] is None:
            notes.append(_("the featured image was not imported"))
        note = f"{self.note}: {self.site} #{item['post_id']}"
        if article is None:
            article = Article(slug=self._article_slug(item), perangkat_daerah=self.pd, **fields)
            outcome = Out.IMPORTED
        else:
            outcome = Out.UPDATED
        new = outcome == Out.IMPORTED
        tags = list(
            dict.fromkeys(
                self._tag_object(unescape(n), unquote(slug).lower())
                for slug, n in item["tags"]
                if clean.one_line(n)
            )
        )
        with adapter.writing(self.user, article, note) as version:
            if not new:
                for name, value in fields.items():
                    setattr(article, name, value)
            adapter.save(self.user, article)
            if new:
                # A new article has no tags yet: one INSERT instead of taggit's per-tag
                # round trips.
                TaggedItem.objects.bulk_create(
                    [TaggedItem(tag=tag, content_object=article) for tag in tags]
                )
            else:
                article.tags.set(tags)
            bylines = self._bylines(article, body.credits or [item.get("creator", "")], new)
            gallery = documents = []
            if body.gallery_ids or not new:
                gallery = self._gallery(article, body.gallery_ids)
            if item["post_id"] in self.document_parents or not new:
                documents = self._attachments(article, item["post_id"])
            if new:
                # The revision is made from what was just written, not read back.
                version.known = _known(tags, bylines, gallery, documents)
        revision = version.revision if new else None
        problem = adapter.move_to(self.user, article, wanted, when, note, revision)
        if problem:
            notes.append(_("kept as draft: %(problem)s") % {"problem": problem})
        self._remember(
            "post",
            item["post_id"],
            found,
            guid=item["guid"][:500],
            fingerprint=data_print,
            content_object=article,
            # The workflow syncs the instance with the row it bumped (no query needed).
            written_version=article.version,
            modified=parse_date(item.get("post_modified_gmt"), item.get("post_modified")),
            text_fingerprint=_text_print(item),
        )
        conflicts = self._redirects(_post_paths(item, when), content_object=article)
        if conflicts:
            notes.append(_conflict_note(conflicts))
        if self.unresolved_links:
            self.relink.append((article._meta.label_lower, article.pk))
        return outcome, "; ".join(notes), article.get_absolute_url()

    def _post_without_writes(self, item):
        """The outcome of a post that needs nothing written (not imported, invalid, or
        unchanged since the last run), else None."""
        post_type, status = item["post_type"], item["status"]
        if item["post_id"] is None:
            return Out.FAILED, _("the item has no valid WordPress id (wp:post_id)"), ""
        if post_type != "post" and post_type not in self.handlers:
            kind = ImportResult.KINDS.get(post_type, post_type)
            return Out.SKIPPED, _("WordPress type “%(type)s” is not imported") % {"type": kind}, ""
        if status not in STATUS_MAP:
            label = STATUS_LABELS.get(status, status)
            return (
                Out.SKIPPED,
                _("posts that are %(status)s are not imported") % {"status": label},
                "",
            )
        when = parse_date(item.get("post_date_gmt"), item.get("post_date"))
        if STATUS_MAP[status] == S.PUBLISHED and when is None:
            return Out.FAILED, _("the post has no valid date"), ""
        if len(item["content"] or "") > MAX_BODY_CHARS:
            return (
                Out.FAILED,
                _("the post's text is larger than %(mb)s MB")
                % {"mb": MAX_BODY_CHARS // (1024 * 1024)},
                "",
            )
        found = self._map(post_type, item["post_id"])
        imported = found.content_object if found else None
        if imported is None:
            return None
        agency = getattr(imported, "perangkat_daerah_id", self.pd.pk)
        if item.get("post_password") and imported.status == S.PUBLISHED:
            return (
                Out.SKIPPED,
                _(
                    "protected by a password on the old site, but already published here: "
                    "not changed; check whether it should stay public"
                ),
                imported.get_absolute_url(),
            )
        if agency != self.pd.pk:
            return (
                Out.SKIPPED,
                _("already imported into another regional agency; not imported here"),
                "",
            )
        url = imported.get_absolute_url()
        if found.fingerprint == fingerprint(item):
            return Out.SKIPPED, _("unchanged since the last import"), url
        modified = parse_date(item.get("post_modified_gmt"), item.get("post_modified"))
        if found.modified and modified and modified < found.modified:
            return Out.SKIPPED, _("the export file is older than what was already imported"), url
        if (
            found.modified
            and modified == found.modified
            and found.text_fingerprint
            and found.text_fingerprint != _text_print(item)
        ):
            return (
                Out.SKIPPED,
                _(
                    "the export file is not newer than what was already imported "
                    "(same modification time, other text)"
                ),
                url,
            )
        if found.written_version is not None and imported.version != found.written_version:
            return (
                Out.SKIPPED,
                _(
                    "changed on this site since the import last wrote it: not overwritten "
                    "(edit it here, or delete it here to import it again)"
                ),
                url,
            )
        return None

    def _image_notes(self, urls):
        """Say which body images were left out: missing from the uploads, or there but
        refused by the media pipeline (its reason is on the attachment's own line)."""
        missing, refused = [], []
        for url in urls:
            path = self._upload_path(url)
            (refused if path is not None and path.is_file() else missing).append(
                posixpath.basename(urlsplit(url).path) or url
            )
        notes = []
        if missing:
            notes.append(
                _("images not found in the uploads: %(files)s") % {"files": ", ".join(missing[:5])}
            )
        if refused:
            notes.append(
                _("images refused as not valid pictures: %(files)s")
                % {"files": ", ".join(refused[:5])}
            )
        return notes

    def _upload_path(self, url):
        """The file in the uploads folder an old address points at, or None."""
        path = unquote(urlsplit(url).path)
        if self.uploads is None or "/wp-content/uploads/" not in path:
            return None
        relative = SIZE_VARIANT.sub("", path.split("/wp-content/uploads/", 1)[1])
        found = (self.uploads / relative).resolve()
        if not relative or not found.is_relative_to(self.uploads):
            return None
        if not found.is_file():
            found = (self.uploads / path.split("/wp-content/uploads/", 1)[1]).resolve()
        return found if found.is_relative_to(self.uploads) else None

    def _document_link(self, url):
        """A link to an uploaded document that was no attachment of the export: the
        file goes into the library through the media pipeline; None if it cannot."""
        path = self._upload_path(url)
        extension = posixpath.splitext(urlsplit(url).path)[1].lower().lstrip(".")
        name = posixpath.basename(unquote(urlsplit(url).path))
        if extension not in DOCUMENT_EXTENSIONS or path is None or not path.is_file():
            self.dead_links.append(name)
            return None
        relative = str(path.relative_to(self.uploads))
        try:
            data = self._read_upload(relative)
            if self.dry_run:
                pipeline.clean_document_bytes(data, relative)
                return f"/media/uji-coba/{name}"
            document = Document.objects.filter(content_hash=pipeline.content_hash(data)).first()
            if document is None:
                document = pipeline.ingest_document(
                    SimpleUploadedFile(name, data),
                    title=name,
                    perangkat_daerah=self.pd,
                    uploaded_by=self.user,
                )
        except ValidationError as error:
            self.dead_links.append(f"{name} ({' '.join(error.messages)})")
            return None
        target = document.get_download_url()
        self._redirects([f"/wp-content/uploads/{relative}"], target=target)
        return target

    def _own_redirect(self, key):
        """The old address's row if it belongs to this export's site (another site's
        import may have recorded the same path or id first)."""
        row = self._redirect_row(key)
        return row if row is not None and row.site == self.site else None

    def _media_url(self, url):
        if self.dry_run and key_of_url(url) in self.dry_addresses:
            return self.dry_addresses[key_of_url(url)]
        host = urlsplit(url).netloc.lower()
        if host and host not in self.hosts:
            return None  # an image of another site, even if the path is the same
        row = self._own_redirect(key_of_url(url))
        return (row.target or None) if row is not None else None

    def _own_target(self, key):
        """The new address of an old one of this export's site, or None."""
        row = self._own_redirect(key)
        if row is not None:
            return _target(row)
        found = ID_KEY.match(key or "")
        if found:  # another site holds the old address: this site's map knows the post
            kinds = ["post", *self.handlers] if found["name"] == "p" else [*self.handlers]
            rows = WordPressItem.objects.filter(
                site=self.site, kind__in=kinds, wp_id=int(found["id"]), object_id__isnull=False
            ).prefetch_related(imports.target_prefetch())
            imported = next((r.content_object for r in rows if r.content_object), None)
            return imported.get_absolute_url() if imported is not None else None
        return None

    def _is_local(self, url):
        """Whether a link points at the old site (its host, or a path on it)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "") or (
            parts.netloc and parts.netloc.lower() not in self.hosts
        ):
            return False
        return bool(parts.netloc) or url.startswith("/")

    def _link_url(self, url):
        if not self._is_local(url):
            return None
        key = key_of_url(url)
        new = self._own_target(key)
        if new is not None:
            return new
        if self._redirect_row(key) is not None:
            return None  # another site's import holds that address: keep the old link
        if self.dry_run and key in self.dry_addresses:
            return self.dry_addresses[key]
        if "/wp-content/uploads/" in url:
            return self._document_link(url)
        self.unresolved_links = True
        return clean.old_path(url) or "/"  # an item imported later: fixed in pass 4

    def _pick_category(self, categories):
        """The post's first real category (WordPress's "Uncategorized" only as a last resort).
        Exports of posts only carry no category list in their header: a category first
        seen on a post is created here."""
        wanted = sorted(categories, key=lambda c: unquote(c[0]).lower() in UNCATEGORIZED)
        for nicename, name in wanted:
            slug = unquote(nicename).lower()
            pk = self.category_ids.get(slug)
            if pk:
                return Category(pk=pk)
            name = clean.one_line(unescape(name))[:100]
            if not name:
                continue
            if _is_uncategorized(slug, name):
                category = self._default_category()
                if category is not None:
                    self._after_commit(self.category_ids, slug, category.pk)
                return category
            category = Category.objects.filter(name=name).first()
            if category is None:
                category = Category.objects.create(
                    name=name, slug=_unique(Category, slugify(slug) or slugify(name) or "kategori")
                )
            self._redirects([f"/category/{slug}/"], category=category)
            self._redirects([f"/category/{slug}/feed/"], target=f"/kategori/{category.slug}/rss/")
            self._after_commit(self.category_ids, slug, category.pk)
            return category
        return None

    def _image(self, wp_id):
        if not str(wp_id or "").isdigit():
            return None
        wp_id = int(wp_id)
        if self.dry_run and wp_id in self.dry_images:
            # A stand-in row for the checks (a pending post needs its featured image);
            # written inside the post's dry-run transaction, which is rolled back.
            return Image.objects.create(
                file=f"uji-coba/{wp_id}", perangkat_daerah=self.pd, **self.dry_images[wp_id]
            )
        found = self._map("attachment", wp_id)
        return found.image if found and found.image_id else None

    def _tag_object(self, name, wp_slug=""):
        """The taggit Tag of that name (on one line, otherwise unchanged); a new one
        keeps its WordPress slug when that is valid and free."""
        name = clean.one_line(name)[:100]
        tag = self.known["tag"].get(name)
        if tag is None:
            tag = Tag.objects.filter(name=name).first()
            if tag is None:
                tag = Tag(name=name, slug=_free_tag_slug(wp_slug))
                tag.save()
            self._after_commit(self.known["tag"], name, tag)
        return tag

    def _bylines(self, article, logins, new):
        """Bylines of the chosen PD: a credit typed into the body wins over dc:creator
        (often just "admin"). Returns the rows in their order."""
        names = [clean.one_line(self.authors.get(login) or login)[:120] for login in logins]
        for login in logins:
            if login in self.authors and login not in self.author_pages:
                # /author/LOGIN/ of the old site leads to the byline's page here.
                author = self._author(names[logins.index(login)])
                self._redirect(
                    f"/author/{login}/", target=reverse("articles:author", args=[author.slug])
                )
                self._after_commit(self.author_pages, login, author.pk)
        rows = [
            ArticleAuthor(article=article, author=self._author(name), order=order)
            for order, name in enumerate(dict.fromkeys(n for n in names if n))
        ]
        if not new:
            existing = list(ArticleAuthor.objects.filter(article=article).order_by("order", "pk"))
            if [(r.author_id, r.order) for r in existing] == [(r.author_id, r.order) for r in rows]:
                return existing  # unchanged: the history shows no byline change
            ArticleAuthor.objects.filter(article=article).delete()
        return ArticleAuthor.objects.bulk_create(rows)

    def _author(self, name):
        author = self.known["author"].get(name)
        author = (
            author or Author.objects.filter(display_name=name, perangkat_daerah=self.pd).first()
        )
        if author is None:
            author = Author.objects.create(
                display_name=name,
                slug=_unique(Author, slugify(name) or "penulis"),
                perangkat_daerah=self.pd,
            )
        self._after_commit(self.known["author"], name, author)
        return author

    def _gallery(self, article, wp_ids):
        images = list(
            Image.objects.filter(
                pk__in=WordPressItem.objects.filter(
                    site=self.site, kind="attachment", wp_id__in=wp_ids, image__isnull=False
                ).values("image_id")
            )
        )
        existing = list(GalleryItem.objects.filter(article=article).order_by("order", "pk"))
        if [(g.image_id, g.order) for g in existing] == [(i.pk, n) for n, i in enumerate(images)]:
            return existing  # unchanged: the history shows no gallery change
        GalleryItem.objects.filter(article=article).delete()
        return GalleryItem.objects.bulk_create(
            [GalleryItem(article=article, image=image, order=n) for n, image in enumerate(images)]
        )

    def _attachments(self, article, wp_id):
        documents = WordPressItem.objects.filter(
            site=self.site, kind="attachment", parent_wp_id=wp_id, document__isnull=False
        ).values_list("document_id", flat=True)
        documents = list(documents)
        article.attachments.set(documents)
        return documents

    # --- pass 3: pages (the types content apps register in publishing.imports) -----

    def _pass_typed(self):
        """Items of the registered types, after the posts and parents before children:
        top-level items while reading, each deeper level (kept in memory: pages are
        few) after the one above it, so a parent later in the file is found."""
        if not self.tree:
            return
        if self.jobs > 1:  # the processes of the posts pass counted in the database
            self.run.processed = WordPressImport.objects.values_list("processed", flat=True).get(
                pk=self.run.pk
            )
        _relaxed_commits()
        deeper, batch, damage = {}, [], None
        try:
            for kind, data in read_export(self.source()):
                if kind != "item" or data["post_type"] not in self.handlers:
                    continue
                if self.run.limit and data["post_id"] not in self.chosen:
                    continue
                level = self._placement(data)[2]
                if level > 1:
                    deeper.setdefault(level, []).append(data)
                    continue
                batch.append(data)
                if len(batch) == POST_BATCH:
                    self._posts(batch)
                    batch = []
        except ExportError as error:
            damage = error  # every complete item before the damage is still imported
        self._posts(batch)
        for level in sorted(deeper):
            items = deeper[level]
            for start in range(0, len(items), POST_BATCH):
                self._posts(items[start : start + POST_BATCH])
        if damage is not None:
            raise damage

    def _placement(self, item):
        """(wp_id of the old parent to attach to or 0, a note for the report, the level
        the item will have) from the tree of the export. An item nested deeper than the
        type allows goes under its ancestor one level above the deepest."""
        handler = self.handlers[item["post_type"]]
        chain, seen = [], {item["post_id"]}
        parent = item["post_parent"]
        while parent in self.tree and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.tree[parent][0]
        if not chain or handler.max_depth <= 1:
            return 0, "", 1
        note = ""
        if len(chain) >= handler.max_depth:
            note = _("nested %(levels)s levels deep on the old site: placed at level %(max)s") % {
                "levels": len(chain) + 1,
                "max": handler.max_depth,
            }
            chain = chain[len(chain) - handler.max_depth + 1 :]
        return chain[0], note, len(chain) + 1

    def _typed(self, item):
        """Import one item through its registered handler (a WordPress page): cleaned and
        written through the publishing core like a post, placed under its parent."""
        handler = self.handlers[item["post_type"]]
        kind, wp_id = item["post_type"], item["post_id"]
        when = parse_date(item.get("post_date_gmt"), item.get("post_date"))
        found = self._map(kind, wp_id)
        obj = found.content_object if found else None
        notes = []
        self.unresolved_links = False
        self.dead_links = []
        body = clean.clean_content(item["content"], self._media_url, self._link_url)
        notes += self._image_notes(body.notes)
        parent = None
        if obj is None:
            parent_id, note, _level = self._placement(item)
            if note:
                notes.append(note)
            parent_row = self._map(kind, parent_id) if parent_id else None
            parent = parent_row.content_object if parent_row else None
            if parent_id and parent is None and not self.dry_run:
                notes.append(
                    _("its parent (WordPress #%(id)s) was not imported: placed at the top level")
                    % {"id": parent_id}
                )
        title = _title(item, notes)
        values = ImportedItem(
            title=title,
            slug=slugify(unquote(item["post_name"])) or slugify(title),
            summary=clean.plain_lead(item["excerpt"], body.html),
            body=body.html,
            order=_int(item.get("menu_order")),
            parent=parent,
            agency=self.pd,
        )
        note = f"{self.note}: {self.site} #{wp_id}"
        new = obj is None
        if new:
            obj, placed = handler.apply(None, values)
            notes += placed
        with adapter.writing(self.user, obj, note) as version:
            if not new:
                notes += handler.apply(obj, values)[1]
            adapter.save(self.user, obj)
        revision = version.revision if new else None
        problem = adapter.move_to(self.user, obj, _wanted_status(item, notes), when, note, revision)
        if problem:
            notes.append(_("kept as draft: %(problem)s") % {"problem": problem})
        self._remember(
            kind,
            wp_id,
            found,
            guid=item["guid"][:500],
            parent_wp_id=item["post_parent"] or None,
            fingerprint=fingerprint(item),
            content_object=obj,
            written_version=obj.version,
            modified=parse_date(item.get("post_modified_gmt"), item.get("post_modified")),
            text_fingerprint=_text_print(item),
        )
        conflicts = self._redirects(self._paths(item), content_object=obj)
        if conflicts:
            notes.append(_conflict_note(conflicts))
        if self.unresolved_links:
            self.relink.append((obj._meta.label_lower, obj.pk))
        return (Out.IMPORTED if new else Out.UPDATED), "; ".join(notes), obj.get_absolute_url()

    def _paths(self, item):
        """Every address the item may have had on the old site."""
        when = parse_date(item.get("post_date_gmt"), item.get("post_date"))
        if item["post_type"] not in self.handlers:
            return _post_paths(item, when)
        wp_id, guid = item["post_id"], item["guid"]
        paths = [f"/?page_id={wp_id}", f"/?p={wp_id}", guid if "?" in guid else "", item["link"]]
        slugs, seen, current = [], set(), wp_id
        while current in self.tree and current not in seen:
            seen.add(current)
            slugs.insert(0, self.tree[current][1])
            current = self.tree[current][0]
        if all(slugs):  # WordPress's hierarchical address, and the page's slug alone
            paths += ["/" + "/".join(slugs) + "/", f"/{slugs[-1]}/"]
        return [p for p in paths if p]

    # --- pass 4: links to posts that came later in the file -----------------------

    def _pass_links(self):
        if self.dry_run:
            return

        def fix(match):
            self.lookups = None
            new = self._own_target(key_of_url(match.group(1)))
            return f'href="{new}"' if new else match.group(0)

        for index, (label, pk) in enumerate(self.relink):
            if self.shard is not None and index % self.jobs != self.shard:
                continue
            imported = apps.get_model(label).objects.filter(pk=pk).first()
            if imported is None:
                continue
            body = re.sub(r'href="(/[^"]*)"', fix, imported.body)
            if body != imported.body:
                with transaction.atomic():
                    with adapter.writing(self.user, imported, self.note):
                        imported.body = body
                        adapter.save(self.user, imported)
                    # Still the import's own version: a re-import may update it.
                    WordPressItem.objects.filter(
                        site=self.site,
                        content_type=ContentType.objects.get_for_model(imported),
                        object_id=imported.pk,
                    ).update(written_version=imported.version)


_CURRENT = None


def _shard_child(send, arguments):
    try:
        send.send(_run_shard(arguments))
    finally:
        send.close()


def _run_shard(arguments):
    """In a forked child: run one pass over this child's share of the items."""
    step, shard = arguments
    importer = _CURRENT
    importer.shard, importer._shard_ticks = shard, 0
    if step != "_pass_links":
        importer.relink = []
    error = ""
    try:
        with adapter.muted():
            getattr(importer, step)()
    except ExportError as problem:
        error = str(problem)
    finally:
        rest = importer._shard_ticks % 25
        if rest:
            WordPressImport.objects.filter(pk=importer.run.pk).update(
                processed=F("processed") + rest
            )
        connections.close_all()
    return ([] if step == "_pass_links" else importer.relink), error


def _relaxed_commits():
    """Do not wait for the disk flush at each item's commit (PostgreSQL only; for this
    connection until ``_strict_commits``). A power cut may lose the last fraction of a
    second of imported items, never half of one: the transaction and its map row vanish
    together and the next run imports them again."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


def _strict_commits():
    if connection.vendor == "postgresql" and connection.connection is not None:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _text_print(item):
    return fingerprint([item["title"], item["content"], item["excerpt"]])


def _free_tag_slug(slug):
    """The WordPress tag slug if our tag address accepts it and no tag has it ('' lets
    taggit make one from the name)."""
    if TAG_SLUG.fullmatch(slug or "") and not Tag.objects.filter(slug=slug).exists():
        return slug
    return ""


def _is_uncategorized(slug, name):
    return slug.lower() in UNCATEGORIZED or slugify(name) in UNCATEGORIZED


def _known(tags, bylines, gallery, documents):
    """The relations of a new article as just written, for its revision (rows whose id
    the database did not return are read back instead)."""
    known = {"tags": [tag.name for tag in tags], "attachments": list(documents)}
    for key, rows in (("authors", bylines), ("gallery", gallery)):
        if all(row.pk is not None for row in rows):
            known[key] = list(rows)
    return known


def _keys(olds):
    """The redirect keys of old addresses (paths or full URLs), in order, once each."""
    keys = []
    for old in olds:
        key = legacy_key(old)[0] if old.startswith("/") and "?" not in old else key_of_url(old)
        if key and len(key) <= 500 and key not in keys:
            keys.append(key)
    return keys


def _target(row):
    """Where an imported object lives now (also before it is public: links between posts)."""
    if row.content_type_id:
        imported = row.content_object
        return imported.get_absolute_url() if imported is not None else None
    if row.category_id or row.tag_id:
        return resolve(row)
    return row.target or None


def _value(row, name):
    if name == "content_object":
        return (row.content_type_id, row.object_id)
    return row.target if name == "target" else getattr(row, f"{name}_id")


def _value_of(name, value):
    """What ``_value`` reads back from a row once ``value`` is set on it."""
    if name == "content_object":
        if value is None:
            return (None, None)
        return (ContentType.objects.get_for_model(value).pk, value.pk)
    return _pk(value)


TITLE_LENGTH = 200


def _wanted_status(item, notes):
    """The state the item had on the old site; a password-protected one was not public
    there, so it becomes a draft for the editors to decide (never published)."""
    if item.get("post_password"):
        notes.append(_("protected by a password on the old site: imported as a draft"))
        return S.DRAFT
    return STATUS_MAP[item["status"]]


def _title(item, notes=None):
    """The item's title on one line. With ``notes``: cut to what an article holds (the
    report says so), or "(untitled)"."""
    title = clean.one_line(unescape(item["title"]))
    if notes is None:
        return title
    if len(title) > TITLE_LENGTH:
        notes.append(
            _("the title was cut to %(n)s characters (it had %(length)s)")
            % {"n": TITLE_LENGTH, "length": len(title)}
        )
    return title[:TITLE_LENGTH] or _("(untitled)")


ID_KEY = re.compile(r"^/\?(?P<name>p|page_id)=(?P<id>\d+)$")


def _int(value):
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def _pk(value):
    return getattr(value, "pk", value)


def _join(a, b):
    return f"{a}; {b}" if a else b


def _conflict_note(keys):
    return _("old addresses already used by another import, not redirected here: %(keys)s") % {
        "keys": ", ".join(keys[:5])
    }


def _unique(model, base, field="slug"):
    base = base.strip("-")[:200] or "item"
    candidate, n = base, 1
    while model.objects.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _post_paths(item, when):
    """Every address the post may have had on the old site."""
    paths = [f"/?p={item['post_id']}", item["guid"] if "?p=" in item["guid"] else ""]
    if item["link"]:
        paths.append(item["link"])
    slug = unquote(item["post_name"])
    if slug:
        paths.append(f"/{slug}/")
        if when:
            local = timezone.localtime(when)
            paths += [f"/{local:%Y/%m/%d}/{slug}/", f"/{local:%Y/%m}/{slug}/"]
    return [p for p in paths if p]


def import_export(run, user, progress=None, jobs=1):
    """Run one import (the management command and the background task call this)."""
    return Importer(run, user, progress, jobs).execute()
