#!/usr/bin/env python3
"""Is every public page bounded? Single-request times in-process at 2,000 and 100,000
live articles (a script, not a test).

    .venv/bin/python bench/bench_scale.py                    # 2,000 and 100,000
    .venv/bin/python bench/bench_scale.py --sizes 2000 20000 --requests 30
    .venv/bin/python bench/bench_scale.py --reuse --baseline main --cold   # before/after

For each size: recreate the database (BENCH_DB_PREFIX + size, default kominfo_h12_scale_<n>,
dropped and recreated), migrate, seed with bench/seed_articles.py (timed), then time
every page with the Django test client in one process: production settings (DEBUG off),
page cache off, teaser fragment cache on, Redis cache (BENCH_CACHE_URL, default
redis://127.0.0.1:6379/8, flushed). Every (size, variant) is measured in --rounds
interleaved rounds (3 warm-up requests per page and round, then N / rounds timed ones),
so that the machine's changing load spreads over all of them; the table shows the
median and the 90th percentile in milliseconds and the ratio of the largest size to
the smallest (target ≤ 1.3×), with the load averages seen. --baseline REF measures
the same databases with REF's code (git archive into /tmp), --cold with the teaser and
block memos off (the first request after a publication).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
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
    """Runs inside the child process (settings from the environment; the code measured
    is BENCH_CODE_ROOT's, e.g. a baseline checkout)."""
    code_root = os.environ.get("BENCH_CODE_ROOT", str(ROOT))
    sys.path.insert(0, code_root)
    os.chdir(code_root)
    import django

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
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        print(f"TIMES\t{name}\t" + ",".join(f"{t:.2f}" for t in times), flush=True)


def baseline_checkout(ref):
    """The code of ``ref`` (e.g. main) in a folder of its own (git archive, no worktree),
    so that the same databases can be measured with the code before this branch."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    folder = Path(f"/tmp/kominfo-bench-baseline-{commit}")
    if not folder.exists():
        folder.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return commit, folder


def run_measure(root, size, requests, fragments):
    env = env_for(size)
    env["PUBLIC_FRAGMENT_CACHE"] = "on" if fragments else "off"
    env["BENCH_CODE_ROOT"] = str(root)
    out = subprocess.run(
        [PY, str(Path(__file__).resolve()), "--measure", str(requests)],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(out.stdout + out.stderr)
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith("TIMES\t"):
            _, name, times = line.split("\t")
            results[name] = [float(t) for t in times.split(",")]
    return results


def summary(times):
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.9) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 100_000])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="keep the seeded databases")
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also measure the code of REF (e.g. main) on the same data",
    )
    parser.add_argument(
        "--cold", action="store_true", help="also measure with the teaser/block memos off"
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--write", action="store_true", help="append to docs/benchmarks.md")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    variants = [("this branch", ROOT, True)]
    if args.cold:
        variants.append(("this branch, memos off", ROOT, False))
    if args.baseline:
        commit, folder = baseline_checkout(args.baseline)
        variants.append((f"{args.baseline} ({commit})", folder, True))
        if args.cold:
            variants.append((f"{args.baseline} ({commit}), memos off", folder, False))
    times, seeds, loads = {}, {}, {}
    for size in args.sizes:
        if args.reuse:  # new migrations (indexes) on the kept data
            subprocess.run(
                [PY, "manage.py", "migrate", "-v0"], env=env_for(size), cwd=ROOT, check=True
            )
        else:
            seeds[size] = prepare(size)
            print(f"{size:,} articles seeded in {seeds[size]:.0f} s (load {load()})", flush=True)
    # Rounds interleave every size and variant, so that a change of the machine's load
    # during the run spreads over all of them instead of favouring the first.
    per_round = max(1, args.requests // args.rounds)
    for round_number in range(args.rounds):
        for size in args.sizes:
            for variant, root, fragments in variants:
                before = load()
                found = run_measure(root, size, per_round, fragments)
                loads.setdefault((variant, size), []).extend([before, load()])
                for name, values in found.items():
                    times.setdefault((variant, size, name), []).extend(values)
        print(f"round {round_number + 1}/{args.rounds} done (load {load()})", flush=True)
    results = {key: summary(values) for key, values in times.items()}
    lines = []

    def out(text=""):
        print(text)
        lines.append(text)

    small, large = min(args.sizes), max(args.sizes)
    for variant, _root, _fragments in variants:
        header = " | ".join(f"{s:,}: median / p90 ms" for s in args.sizes)
        out(f"\n{variant}:\n\n| page | {header} | ratio {large:,} / {small:,} (median) |")
        out("|---|" + "---:|" * (len(args.sizes) + 1))
        for name in PAGES:
            cells = " | ".join(
                "{:.1f} / {:.1f}".format(*results[(variant, s, name)]) for s in args.sizes
            )
            ratio = results[(variant, large, name)][0] / results[(variant, small, name)][0]
            flag = "" if ratio <= 1.3 else " **miss**"
            out(f"| {name} | {cells} | {ratio:.2f}×{flag} |")
        out()
        for size in args.sizes:
            seeded = f"seeded in {seeds[size]:.0f} s, " if size in seeds else ""
            seen = loads[(variant, size)]
            out(f"- {size:,} articles: {seeded}load average (1/5/15 min) {seen[0]} … {seen[-1]}")
    if len(variants) > 1:
        names = [v[0] for v in variants]
        out(f"\nMedian ms side by side ({', '.join(names)}):\n")
        cols = " | ".join(f"{n} @ {s:,}" for s in args.sizes for n in names)
        out(f"| page | {cols} |")
        out("|---|" + "---:|" * (len(names) * len(args.sizes)))
        for name in PAGES:
            cells = " | ".join(f"{results[(n, s, name)][0]:.1f}" for s in args.sizes for n in names)
            out(f"| {name} | {cells} |")

    if args.write:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        head = (
            f"\n### Bounded at scale: `bench/bench_scale.py` ({stamp})\n\n"
            f"In-process (test client, DEBUG off, page cache off), median / p90 of "
            f"{per_round * args.rounds} requests per page in {args.rounds} interleaved rounds "
            "(3 warm-up requests per page and round). The machine is shared: see the load "
            "averages.\n"
        )
        with (ROOT / "docs" / "benchmarks.md").open("a") as fh:
            fh.write(head + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
