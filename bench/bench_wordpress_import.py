"""Benchmark the WordPress import on a generated export (not a test).

    .venv/bin/python bench/bench_wordpress_import.py [--posts 10000] [--database kominfo_bench_wp]

Writes a WXR 1.2 file with N published posts (Indonesian text, Gutenberg blocks,
entities, two categories, tags with accents/emoji, internal links) and no media,
creates a fresh PostgreSQL database (127.0.0.1:5432, user postgres), migrates it,
and times ``import_wordpress`` end to end in this process: parsing (two streamed
passes), cleaning, articles created and published through the workflow (revision +
log entry each), redirects, the per-item report. The cache is Redis db 15
(CACHE_URL) like production, so every save's cache invalidation is paid for.
Current RSS (not the high-water mark) is sampled every 1,000 items: flat memory means
the samples do not grow with the number of items read. Numbers go to stdout and to
docs/wordpress-import.md.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "wordpress"))


def current_rss_mb(pid="self"):
    try:
        with open(f"/proc/{pid}/statm") as handle:
            pages = int(handle.read().split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def child_pids():
    found = []
    for task in Path("/proc/self/task").iterdir():
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return found


class MemorySampler:
    """Every 1,000 items the run's counter passes: the current RSS of this process and
    of the largest import process it forked (--jobs), read by a thread that polls the
    run's row (the importer's progress hook does not fire in forked shards)."""

    def __init__(self, run_pk, samples, started):
        import threading

        self.run_pk, self.samples, self.started = run_pk, samples, started
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.poll, daemon=True)

    def __enter__(self):
        self.thread.start()

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def poll(self):
        from django.db import connection

        from articles.wordpress.models import WordPressImport

        mark = 1000
        try:
            while not self.stop.wait(0.2):
                done = (
                    WordPressImport.objects.filter(pk=self.run_pk)
                    .values_list("processed", flat=True)
                    .first()
                    or 0
                )
                if done >= mark:
                    children = [current_rss_mb(pid) for pid in child_pids()]
                    self.samples.append(
                        (
                            done,
                            round(current_rss_mb(), 1),
                            round(max(children, default=0.0), 1),
                            round(time.perf_counter() - self.started, 1),
                        )
                    )
                    mark = (done // 1000 + 1) * 1000
        finally:
            connection.close()


BODY = """<!-- wp:paragraph -->
<p>SANGATTA &#8211; Dinas Komunikasi dan Informatika, Statistik dan Persandian menggelar
Bimbingan Teknis (Bimtek) ke-{n} tentang strategi komunikasi publik &amp; pengelolaan media
sosial. Kegiatan berlangsung dari Senin (02/9/2024) hingga Rabu (04/9/2024).</p>
<!-- /wp:paragraph -->
<!-- wp:paragraph -->
<p>"Semua PD harus dilibatkan dalam proses komunikasi ini," jelasnya. Lihat juga
<a href="https://lama.kutaitimurkab.go.id/?p={prev}">berita sebelumnya</a>.</p>
<!-- /wp:paragraph -->
<!-- wp:paragraph -->
<p>Kabupaten Kutai Timur memiliki luas wilayah 35.747,50 km² dan 18 kecamatan.</p>
<!-- /wp:paragraph -->"""


def write_export(path, posts):
    import wxr

    with open(path, "wb") as handle:
        head = wxr.export(
            wxr.author("admin", "Wak Hedir"),
            wxr.category(3, "berita", "Berita"),
            wxr.category(4, "pemerintahan", "Pemerintahan"),
        )
        head, tail = head.split(b"</channel>")
        handle.write(head)
        for n in range(1, posts + 1):
            day = 1 + n % 28
            item = wxr.post(
                1000 + n,
                f"Bimtek Kehumasan ke-{n}: Diskominfo &amp; PD Samakan Persepsi",
                BODY.format(n=n, prev=1000 + max(1, n - 1)),
                name=f"bimtek-kehumasan-ke-{n}",
                date=f"2023-{1 + n % 12:02d}-{day:02d} 10:00:00",
                date_gmt=f"2023-{1 + n % 12:02d}-{day:02d} 02:00:00",
                categories=[("berita", "Berita"), ("pemerintahan", "Pemerintahan")],
                tags=[("bimtek", "Bimtek"), (f"kecamatan-{n % 18}", f"Kecamatan {n % 18} Ç🚀")],
            )
            handle.write(item.encode() + b"\n")
        handle.write(b"</channel>" + tail)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--database", default="kominfo_bench_wp")
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="do not write docs/")
    parser.add_argument("--no-rerun", action="store_true", help="skip the second run")
    parser.add_argument(
        "--profile", default="", help="write a pyinstrument profile of the first run (.txt/.html)"
    )
    parser.add_argument(
        "--queries",
        action="store_true",
        help="count queries of the first run (CaptureQueriesContext) and list the commonest",
    )
    args = parser.parse_args()

    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        conn.execute(f'CREATE DATABASE "{args.database}"')
    workdir = Path(f"/tmp/{args.database}")
    workdir.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ["CACHE_URL"] = args.cache
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominfo.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    cache.clear()
    from articles.models import Article
    from articles.wordpress.importer import import_export
    from articles.wordpress.models import LegacyRedirect, WordPressImport
    from perangkat_daerah.models import PerangkatDaerah
    from publishing.models import Revision, Transition

    pd = PerangkatDaerah.objects.create(
        name="Diskominfo Perstik", short_name="Diskominfo", slug="diskominfo"
    )
    user = User.objects.create_superuser("bench", "bench@example.org", "x")
    export = workdir / "export.xml"
    started = time.perf_counter()
    write_export(export, args.posts)
    generate_s = time.perf_counter() - started
    size_mb = export.stat().st_size / 1024 / 1024

    samples = []

    def run_once():
        run = WordPressImport.objects.create(
            export_path=str(export), perangkat_daerah=pd, started_by=user
        )
        with MemorySampler(run.pk, samples, t0):
            import_export(run, user, jobs=args.jobs)
        return run

    rss_before = current_rss_mb()
    load_before = os.getloadavg()
    profiler = captured = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    if args.queries:
        import collections

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        # The default log keeps the last 9,000 queries only.
        connection.queries_log = collections.deque(maxlen=10_000_000)
        captured = CaptureQueriesContext(connection)
        captured.__enter__()
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    run = run_once()
    first_s = time.perf_counter() - t0
    first_cpu = cpu_seconds() - cpu0
    load_after_first = os.getloadavg()
    if captured is not None:
        captured.__exit__(None, None, None)
        query_report = summarize_queries(captured.captured_queries, args.posts)
        print(query_report)
    if profiler is not None:
        profiler.stop()
        target = Path(args.profile)
        if target.suffix == ".html":
            target.write_text(profiler.output_html())
        else:
            target.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
        print(f"profile written to {target}")
    first_samples = list(samples)
    counts = {
        "articles": Article.objects.count(),
        "published": Article.objects.filter(status="published").count(),
        "revisions": Revision.objects.count(),
        "log entries": Transition.objects.count(),
        "redirects": LegacyRedirect.objects.count(),
        "failed items": run.results.filter(outcome="failed").count(),
        "state": run.state,
    }
    samples.clear()
    second_s = rerun_skipped = None
    if not args.no_rerun:
        t0 = time.perf_counter()
        rerun = run_once()
        second_s = time.perf_counter() - t0
        rerun_skipped = rerun.results.filter(outcome="skipped", kind="post").count()
    load_after = os.getloadavg()

    def load(values):
        return " / ".join(f"{v:.2f}" for v in values)

    now = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = [
        f"| first import (create + publish via workflow) | {first_s:.1f} |"
        f" {args.posts / first_s:.0f} |"
    ]
    if second_s is not None:
        rows.append(
            f"| second run of the same export (all unchanged) | {second_s:.1f} |"
            f" {args.posts / second_s:.0f} |"
        )
    lines = [
        f"### {now}: `--posts {args.posts} --jobs {args.jobs}`",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}, Python"
        f" {platform.python_version()}; PostgreSQL and Redis on the same machine (shared with"
        " other engineers' work).",
        f"- Load average (1/5/15 min) before: {load(load_before)}; after the first run:"
        f" {load(load_after_first)}; at the end: {load(load_after)}.",
        f"- Export: {args.posts:,} published posts without media, {size_mb:.1f} MB WXR 1.2"
        f" (written in {generate_s:.1f} s).",
        "",
        "| step | seconds | posts/s |",
        "|---|---:|---:|",
        *rows,
        "",
        f"CPU time of the importing processes in the first run: {first_cpu:.1f} s"
        f" ({first_cpu / args.posts * 1000:.1f} ms per post); the rest of the wall time is"
        " waiting for PostgreSQL/Redis round trips and for a core.",
        "",
        f"Target: {args.posts:,} posts in ≤ 180 s (scaled: {args.posts * 0.018:.0f} s) —"
        f" **{'met' if first_s <= args.posts * 0.018 else 'not met'}**.",
        "",
        "After the first run: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".",
    ]
    if second_s is not None:
        lines.append(f"Second run: {rerun_skipped} posts skipped as unchanged, nothing created.")
    if captured is not None:
        lines += ["", query_report]
    lines += [
        "",
        "Memory (current RSS when the run's counter passed each 1,000 items of the first run,"
        f" polled every 0.2 s; before: {rss_before:.1f} MB):",
        "",
        "| items counted | RSS of this process MB | largest forked import process MB | elapsed s |",
        "|---:|---:|---:|---:|",
        *[f"| {d:,} | {m} | {c} | {s} |" for d, m, c, s in first_samples],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section(ROOT / "docs" / "wordpress-import.md", text)


def cpu_seconds():
    """User + system CPU of this process and of its finished children (--jobs)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


MARKER = "<!-- bench_wordpress_import.py adds its runs below, newest first -->"


def write_section(path, text):
    """Add this run's section under the marker (older runs stay, labelled with their date
    and load)."""
    old = path.read_text() if path.exists() else "# WordPress import benchmark\n\n" + MARKER + "\n"
    if MARKER not in old:
        old = old.rstrip() + "\n\n" + MARKER + "\n"
    head, tail = old.split(MARKER, 1)
    path.write_text(head + MARKER + "\n\n" + text + "\n" + tail.lstrip("\n"))


def summarize_queries(queries, posts):
    """Queries per post and the commonest statements (literals folded)."""
    import re
    from collections import Counter

    def shape(sql):
        sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
        sql = re.sub(r"\b\d+\b", "N", sql)
        sql = re.sub(r"\((?:\s*(?:\?|N|%s|NULL|true|false)\s*,?)+\)", "(…)", sql)
        return sql[:110]

    counts = Counter(shape(q["sql"]) for q in queries)
    total_ms = sum(float(q["time"]) for q in queries) * 1000
    lines = [
        f"Queries of the first run: {len(queries):,} = **{len(queries) / posts:.1f} per post**"
        f" ({total_ms / posts:.1f} ms of database time per post as seen by Django).",
        "",
        "| per post | statement (shape) |",
        "|---:|---|",
    ]
    for sql, n in counts.most_common(25):
        lines.append(f"| {n / posts:.2f} | `{sql.replace('|', '¦')}` |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
