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


def current_rss_mb():
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


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
    from articles.models import Article, Revision, Transition
    from articles.wordpress.importer import import_export
    from articles.wordpress.models import LegacyRedirect, WordPressImport
    from perangkat_daerah.models import PerangkatDaerah

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

    def progress(done, total):
        if done % 1000 == 0:
            samples.append((done, round(current_rss_mb(), 1), round(time.perf_counter() - t0, 1)))

    def run_once():
        run = WordPressImport.objects.create(
            export_path=str(export), perangkat_daerah=pd, started_by=user
        )
        import_export(run, user, progress, jobs=args.jobs)
        return run

    rss_before = current_rss_mb()
    t0 = time.perf_counter()
    run = run_once()
    first_s = time.perf_counter() - t0
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
    t0 = time.perf_counter()
    rerun = run_once()
    second_s = time.perf_counter() - t0
    rerun_skipped = rerun.results.filter(outcome="skipped", kind="post").count()

    lines = [
        "# WordPress import benchmark",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with"
        f" `bench/bench_wordpress_import.py --posts {args.posts} --jobs {args.jobs}`.",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()};"
        " PostgreSQL and Redis on the same machine (shared with other work).",
        f"- Export: {args.posts:,} published posts without media, {size_mb:.1f} MB WXR 1.2"
        f" (written in {generate_s:.1f} s).",
        "",
        "| step | seconds | posts/s |",
        "|---|---:|---:|",
        f"| first import (create + publish via workflow) | {first_s:.1f} | {args.posts / first_s:.0f} |",
        f"| second run of the same export (all unchanged) | {second_s:.1f} | {args.posts / second_s:.0f} |",
        "",
        f"Target: {args.posts:,} posts in ≤ 180 s — **{'met' if first_s <= 180 else 'not met'}**.",
        "",
        "After the first run: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".",
        f"Second run: {rerun_skipped} posts skipped as unchanged, nothing created.",
        "",
        "## Memory (current RSS, sampled every 1,000 items of the first run)",
        "",
        f"Before the import: {rss_before:.1f} MB.",
        "",
        "| items read | RSS MB | elapsed s |",
        "|---:|---:|---:|",
        *[f"| {d:,} | {m} | {s} |" for d, m, s in first_samples],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        (ROOT / "docs" / "wordpress-import.md").write_text(text)


if __name__ == "__main__":
    main()
