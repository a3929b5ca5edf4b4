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
    @property
    def help(self):  # translated when asked, not when the module is imported
        return _(
            "Import a WordPress export (WXR) with its uploads folder into one regional agency."
        )

    def add_arguments(self, parser):
        parser.add_argument("export", help=_("The .xml file from WordPress Tools → Export"))
        parser.add_argument(
            "--uploads", default="", help=_("Copy of the site's wp-content/uploads folder")
        )
        parser.add_argument(
            "--pd", required=True, help=_("Slug of the regional agency (PD) the content goes to")
        )
        parser.add_argument(
            "--user",
            default="",
            help=_(
                "Username of the importing Redaktur or Administrator (default: the first superuser)"
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check everything and report what would be imported; save nothing"),
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            metavar="N",
            help=_(
                "Import at most N posts (and pages), with the pictures, files, categories and "
                "tags they use"
            ),
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help=_("Processes for media and posts (e.g. 2 on 2 cores)"),
        )
        parser.add_argument(
            "--report", default="", help=_("Write the per-item report to this CSV file")
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=_("Do not show the progress bar")
        )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser._positionals.title = _("positional arguments")
        parser._optionals.title = _("options")
        return parser

    def handle(self, *args, **options):
        pd = PerangkatDaerah.objects.filter(slug=options["pd"]).first()
        if pd is None:
            slugs = ", ".join(
                PerangkatDaerah.objects.order_by("slug").values_list("slug", flat=True)
            )
            raise CommandError(
                _("No regional agency with the slug “%(slug)s”. Valid slugs: %(slugs)s")
                % {"slug": options["pd"], "slugs": slugs or "—"}
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
                f"{run.outcome_label(result.outcome)}: {result.kind_label()} #{result.wp_id} "
                f"“{result.title}” — {result.message}"
            )
        summary = ", ".join(
            f"{run.outcome_label(value)}: {counts[value]}"
            for value in run.results.model.Outcome.values
        )
        if run.dry_run:
            summary = _("Dry run: nothing was saved.") + " " + summary
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
