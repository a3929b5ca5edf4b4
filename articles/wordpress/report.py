"""The per-item report of an import as CSV (command line and admin download)."""

import csv


def write_csv(run, handle):
    writer = csv.writer(handle)
    writer.writerow(["wp_id", "type", "title", "result", "message", "new_address"])
    for row in (
        run.results.order_by("pk")
        .values_list("wp_id", "kind", "title", "outcome", "message", "url")
        .iterator()
    ):
        writer.writerow(["" if v is None else _safe(str(v)) for v in row])


def _safe(value):
    # Spreadsheet programs run cells that start with = + - @ as formulas.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
