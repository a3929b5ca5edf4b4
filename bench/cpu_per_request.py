#!/usr/bin/env python3
"""CPU time per request, ours and the Wagtail anchor, page by page (a script, not a test).

    .venv/bin/python bench/cpu_per_request.py [--seconds 5] [--rounds 3] [--write]

On a shared 2-core machine wrk's req/s moves with everybody else's load; the CPU time a
request costs moves much less. For each page this runs ``wrk -t1 -c2`` against a
2-worker gunicorn (ours as in bench/bench_vs_wagtail.py: page cache off, teaser cache
on, its database BENCH_DB; the anchor as its bench.sh starts it) and reads, around the
run, the CPU time (user + system, /proc/<pid>/stat) of the gunicorn workers and of the
PostgreSQL backends serving them (pg_stat_activity by database). Per request:
workers ms + PostgreSQL ms = what the machine spends; the ratio Wagtail/ours of that
sum is what the throughput ratio would be if the machine did nothing else (wrk's
own cost and Redis are left out on both sides; ours uses Redis, the anchor does not).
Rounds are interleaved (ours, Wagtail, ours, ...); the median round is reported.
"""

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_vs_wagtail as vs  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
ANCHOR_SITE = Path(vs.ANCHOR_ROOT) / "site"
ANCHOR_DB = os.environ.get("ANCHOR_DB", "wagtail_anchor")
WAGTAIL_PATHS = {"home": "/", "category p3": None, "search": "/cari/?q=jembatan"}


def cpu_by_pid(pids):
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    return found


def spent(before, after):
    """CPU seconds between two snapshots; a process that started in between counts
    whole (a database connection opened during the run), one that ended is lost."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def backends(db):
    import psycopg

    with psycopg.connect(f"{vs.PG}/postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [db]
        ).fetchall()
    return [r[0] for r in rows]


def measure(base, path, master, db, seconds):
    url = base + path
    subprocess.run(["wrk", "-t1", "-c2", "-d2s", url], capture_output=True, check=True)  # warm
    before = cpu_by_pid(children(master)), cpu_by_pid(backends(db))
    out = subprocess.run(
        ["wrk", "-t1", "-c2", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    after = cpu_by_pid(children(master)), cpu_by_pid(backends(db))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert not non2xx, (url, out)
    return {
        "worker_ms": spent(before[0], after[0]) / requests * 1000,
        "pg_ms": spent(before[1], after[1]) / requests * 1000,
        "requests": requests,
        "load": vs.load(),
    }


def start_wagtail(port):
    env = dict(
        os.environ,
        ANCHOR_DB=ANCHOR_DB,
        ANCHOR_MEDIA_ROOT=str(Path(vs.ANCHOR_ROOT) / "media"),
        DJANGO_SETTINGS_MODULE="anchorsite.settings.bench",
        DJANGO_DEBUG="0",
    )
    log = open(f"/tmp/wagtail-cpu-{port}.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            "../venv/bin/gunicorn",
            "anchorsite.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ANCHOR_SITE,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=log,
    )
    proc.log = log
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the anchor's gunicorn did not start")


def wagtail_paths():
    out = subprocess.run(
        [
            "../venv/bin/python",
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            "'anchorsite.settings.bench'); django.setup();"
            "from news.models import ArticlePage, Category;"
            "a = ArticlePage.objects.live().order_by('-date', '-pk');"
            "print(a[min(100, a.count() // 2)].url);"
            "print(Category.objects.order_by('name').first().get_absolute_url())",
        ],
        cwd=ANCHOR_SITE,
        env=dict(os.environ, ANCHOR_DB=ANCHOR_DB, DJANGO_DEBUG="0"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "home": "/",
        "article": out[0],
        "category p3": f"{out[1]}?page=3",
        "search": "/cari/?q=jembatan",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args()
    ours_paths = {n: p.format(category=vs.category_slug()) for n, p in vs.PAGES.items()}
    theirs_paths = wagtail_paths()
    ours_port, theirs_port = vs.free_port(), vs.free_port()
    ours = vs.start(ours_port)
    theirs = start_wagtail(theirs_port)
    results = {side: {n: [] for n in ours_paths} for side in ("ours", "wagtail")}
    started = datetime.now(UTC)
    try:
        for r in range(args.rounds):
            for name in ours_paths:
                for side, port, proc, paths, db in (
                    ("ours", ours_port, ours, ours_paths, vs.DB),
                    ("wagtail", theirs_port, theirs, theirs_paths, ANCHOR_DB),
                ):
                    m = measure(f"http://127.0.0.1:{port}", paths[name], proc.pid, db, args.seconds)
                    results[side][name].append(m)
                    print(
                        f"round {r + 1} {side:8} {name:12} workers {m['worker_ms']:6.2f} ms"
                        f" + PostgreSQL {m['pg_ms']:5.2f} ms per request ({m['requests']} requests,"
                        f" load {m['load']})",
                        flush=True,
                    )
    finally:
        vs.stop(ours)
        theirs.terminate()
        theirs.wait()
    lines = [
        f"Run {started:%Y-%m-%d %H:%M} UTC, `bench/cpu_per_request.py` ({args.rounds} interleaved"
        f" rounds of {args.seconds} s, wrk -t1 -c2, 2 sync workers each; median round by total).",
        "",
        "| page | ours workers + PostgreSQL ms/req | Wagtail workers + PostgreSQL ms/req | CPU ratio (Wagtail / ours) | load1 range |",
        "|---|---:|---:|---:|---|",
    ]
    for name in ours_paths:
        cells = []
        for side in ("ours", "wagtail"):
            rounds = sorted(results[side][name], key=lambda m: m["worker_ms"] + m["pg_ms"])
            cells.append(rounds[len(rounds) // 2])
        total = [c["worker_ms"] + c["pg_ms"] for c in cells]
        loads = [float(m["load"].split()[0]) for s in results.values() for m in s[name]]
        lines.append(
            f"| {name} | {cells[0]['worker_ms']:.2f} + {cells[0]['pg_ms']:.2f} = {total[0]:.2f}"
            f" | {cells[1]['worker_ms']:.2f} + {cells[1]['pg_ms']:.2f} = {total[1]:.2f}"
            f" | {total[1] / total[0]:.2f}× | {min(loads):.2f}–{max(loads):.2f} |"
        )
    text = "\n".join(lines)
    print(text)
    if args.write:
        with open(vs.ROOT / "docs" / "benchmarks.md", "a") as f:
            f.write("\n" + text + "\n")


if __name__ == "__main__":
    main()
