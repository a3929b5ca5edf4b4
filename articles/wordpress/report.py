"""The per-item report of an import as CSV (command line and admin download)."""

import csv

from django.utils.translation import gettext as _

from .models import ImportResult


def write_csv(run, handle):
    writer = csv.writer(handle)
    writer.writerow(
        [_("WordPress id"), _("type"), _("title"), _("result"), _("message"), _("new address")]
    )
    kinds = ImportResult.KINDS
    for wp_id, kind, title, outcome, message, url in (
        run.results.order_by("pk")
        .values_list("wp_id", "kind", "title", "outcome", "message", "url")
        .iterator()
    ):
        row = [wp_id, kinds.get(kind, kind), title, run.outcome_label(outcome), message, url]
        writer.writerow(["" if v is None else _safe(str(v)) for v in row])


def _safe(value):
    # Spreadsheet programs run cells that start with = + - @ as formulas.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
