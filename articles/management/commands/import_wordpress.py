"""python manage.py import_wordpress EXPORT.xml --uploads DIR --pd SLUG [--dry-run] [--limit N]"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.wordpress.importer import import_export
from articles.wordpress.models import WordPressImport
from articles.wordpress.report import write_csv
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor


class Command(BaseCommand):
    help = "Import a WordPress export (WXR) with its uploads folder into one regional agency."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from WordPress Tools → Export")
        parser.add_argument("--uploads", default="", help="Copy of the site's wp-content/uploads")
        parser.add_argument("--pd", required=True, help="Slug of the regional agency (PD)")
        parser.add_argument("--user", default="", help="Username of the importing editor")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, save nothing")
        parser.add_argument("--limit", type=int, default=None, help="Import at most N items")
        parser.add_argument(
            "--jobs", type=int, default=1, help="Processes for media and posts (e.g. 2 on 2 cores)"
        )
        parser.add_argument("--report", default="", help="Write the per-item report to this CSV")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        pd = PerangkatDaerah.objects.filter(slug=options["pd"]).first()
        if pd is None:
            raise CommandError(
                _("No regional agency with the slug “%(slug)s”.") % {"slug": options["pd"]}
            )
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError(_("--limit must be a whole number of 1 or more."))
        user = self._user(options["user"])
        run = WordPressImport.objects.create(
            export_path=options["export"],
            uploads_dir=options["uploads"],
            perangkat_daerah=pd,
            started_by=user,
            dry_run=options["dry_run"],
            limit=options["limit"],
        )
        show = not options["no_progress"] and sys.stderr.isatty()
        counts = import_export(
            run, user, progress=self._progress if show else None, jobs=options["jobs"]
        )
        if show:
            self.stderr.write("")
        if options["report"]:
            with open(options["report"], "w", newline="", encoding="utf-8") as handle:
                write_csv(run, handle)
        for result in run.results.exclude(outcome="imported").exclude(message=""):
            self.stdout.write(
                f"{result.get_outcome_display()}: {result.kind} #{result.wp_id} "
                f"“{result.title}” — {result.message}"
            )
        summary = ", ".join(
            f"{label}: {counts[value]}" for value, label in run.results.model.Outcome.choices
        )
        self.stdout.write(summary)
        if run.state == WordPressImport.State.FAILED:
            raise CommandError(run.message)

    def _user(self, username):
        users = get_user_model().objects.filter(is_active=True)
        user = (
            users.filter(username=username).first()
            if username
            else (users.filter(is_superuser=True).order_by("pk").first())
        )
        if user is None or not is_editor(user):
            raise CommandError(
                _("Give the username of an active Redaktur or Administrator with --user.")
            )
        return user

    def _progress(self, done, total):
        width = 30
        filled = width * done // total if total else 0
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stderr.flush()
