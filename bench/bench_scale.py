#!/usr/bin/env python3
"""Is every public page bounded? Single-request times in-process at 2,000 and 100,000
live articles (a script, not a test).

    .venv/bin/python bench/bench_scale.py                    # 2,000 and 100,000
    .venv/bin/python bench/bench_scale.py --sizes 2000 20000 --requests 30

For each size: recreate the database (BENCH_DB_PREFIX + size, default kominfo_h12_scale_<n>,
dropped and recreated), migrate, seed with bench/seed_articles.py (timed), then time
every page with the Django test client in one process: production settings (DEBUG off),
page cache off, teaser fragment cache on, Redis cache (BENCH_CACHE_URL, default
redis://127.0.0.1:6379/8, flushed). Each page gets 5 warm-up requests, then N timed
ones; the table shows the median and the 90th percentile in milliseconds and the ratio
of the largest size to the smallest (target ≤ 1.3×). It prints `uptime` before and after
each size, because the machine is shared.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BASE_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/8")
PREFIX = os.environ.get("BENCH_DB_PREFIX", "kominfo_h12_scale_")

PAGES = {
    "home": "/",
    "article (101st newest)": "/berita/berita-100/",
    "category, page 3": "/kategori/{category}/?page=3",
    "tag on 85 % of articles": "/tag/kutai-timur/",
    "rare tag": "/tag/topik-7/",
    "agency": "/pd/{agency}/",
    "writer": "/penulis/penulis-3/",
    "archive month": "/arsip/{year}/{month}/",
    "search, 10 % of articles": "/cari/?q=jembatan",
    "search, page 2": "/cari/?q=jembatan&page=2",
    "search, rare word": "/cari/?q=topik",
    "search, one type (?jenis=berita)": "/cari/?q=jembatan&jenis=berita",
    "search, one other type (?jenis=pengumuman)": "/cari/?q=jembatan&jenis=pengumuman",
}


def env_for(size):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{BASE_URL}/{PREFIX}{size}",
        CACHE_URL=CACHE_URL,
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=f"/tmp/kominfo-scale-media-{size}",
        STATIC_ROOT="/tmp/kominfo-scale-static",
        LOG_LEVEL="WARNING",
        PUBLIC_PAGE_CACHE="off",
        PUBLIC_FRAGMENT_CACHE="on",
        AXES_ENABLED="false",
        DJANGO_SETTINGS_MODULE="kominfo.settings",
    )
    return env


def load():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def prepare(size):
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PREFIX}{size}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PREFIX}{size}"')
    env = env_for(size)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    started = time.time()
    subprocess.run([PY, "bench/seed_articles.py", str(size)], env=env, cwd=ROOT, check=True)
    return time.time() - started


def measure(requests):
    """Runs inside the child process (settings from the environment)."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    import redis
    from django.test import Client

    from articles.models import Article, Category
    from perangkat_daerah.models import PerangkatDaerah

    redis.Redis.from_url(CACHE_URL).flushdb()
    newest = Article.objects.live().order_by("-published_at").first()
    fill = {
        "category": Category.objects.order_by("order").first().slug,
        "agency": PerangkatDaerah.objects.order_by("order").first().slug,
        "year": newest.published_at.year,
        "month": newest.published_at.month,
    }
    client = Client()
    for name, pattern in PAGES.items():
        url = pattern.format(**fill)
        for _ in range(5):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p90 = times[int(len(times) * 0.9) - 1]
        print(f"RESULT\t{name}\t{statistics.median(times):.2f}\t{p90:.2f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 100_000])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="keep the seeded databases")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    results, seeds, loads = {}, {}, {}
    for size in args.sizes:
        if args.reuse:  # new migrations (indexes) on the kept data
            subprocess.run(
                [PY, "manage.py", "migrate", "-v0"], env=env_for(size), cwd=ROOT, check=True
            )
        else:
            seeds[size] = prepare(size)
            print(f"{size:,} articles seeded in {seeds[size]:.0f} s (load {load()})", flush=True)
        before = load()
        out = subprocess.run(
            [PY, __file__, "--measure", str(args.requests)],
            env=env_for(size),
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if out.returncode:
            raise SystemExit(out.stdout + out.stderr)
        out = out.stdout
        loads[size] = (before, load())
        for line in out.splitlines():
            if line.startswith("RESULT\t"):
                _, name, median, p90 = line.split("\t")
                results[(size, name)] = (float(median), float(p90))
    small, large = min(args.sizes), max(args.sizes)
    header = " | ".join(f"{s:,}: median / p90 ms" for s in args.sizes)
    print(f"\n| page | {header} | ratio {large:,} / {small:,} (median) |")
    print("|---|" + "---:|" * (len(args.sizes) + 1))
    for name in PAGES:
        cells = " | ".join("{:.1f} / {:.1f}".format(*results[(s, name)]) for s in args.sizes)
        ratio = results[(large, name)][0] / results[(small, name)][0]
        flag = "" if ratio <= 1.3 else " **miss**"
        print(f"| {name} | {cells} | {ratio:.2f}×{flag} |")
    print()
    for size in args.sizes:
        seeded = f"seeded in {seeds[size]:.0f} s, " if size in seeds else ""
        print(
            f"- {size:,} articles: {seeded}load average before {loads[size][0]}, after {loads[size][1]}"
        )


if __name__ == "__main__":
    main()
