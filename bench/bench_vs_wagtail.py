#!/usr/bin/env python3
"""Our site and the Wagtail anchor back to back, same wrk settings, one table with ratios
(a script, not a test).

    ../shared/anchors/wagtail/setup.sh              # once (ANCHOR_ROOT, ANCHOR_DB as there)
    .venv/bin/python bench/bench_vs_wagtail.py      # seeds ours (2,000 articles), runs both
    .venv/bin/python bench/bench_vs_wagtail.py --reuse --recycle   # + recycling p99 run

Ours: gunicorn from gunicorn.conf.py (app preloaded, recycling on as configured),
2 sync workers, DEBUG off, page cache off, teaser fragment cache on, Redis cache
(BENCH_CACHE_URL, default redis://127.0.0.1:6379/8, flushed), database
BENCH_DB (default kominfo_h12_vs, dropped and recreated unless --reuse) seeded by
bench/seed_articles.py with 2,000 live articles and realistic tags.
Both: wrk -t2 -c16 -d15s --timeout 10s --latency, a 3 s warm-up per page, 3 rounds
interleaved over the pages, the median round (by req/s) reported, the anchor's
report.lua counting non-2xx. The Wagtail side is its own bench.sh, run right after ours.
`uptime`'s load average is printed beside every round: the machine is shared.

--recycle also runs our category page with GUNICORN_MAX_REQUESTS=100 and a minimum
worker age of 0 (a worker recycled every ~1-2 s at these rates) against recycling off,
to show what recycling costs at p99 with the preloaded app.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ANCHOR = Path(os.environ.get("ANCHOR_DIR", ROOT.parent / "shared" / "anchors" / "wagtail"))
ANCHOR_ROOT = os.environ.get("ANCHOR_ROOT", "/tmp/wagtail-anchor")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "kominfo_h12_vs")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/8")
WRK = ["wrk", "-t2", "-c16", "--timeout", "10s", "--latency"]
DURATION, WARMUP, ROUNDS = "15s", "3s", 3
PAGES = {
    "home": "/",
    "article": "/berita/berita-100/",  # the 101st newest, as the anchor's
    "category p3": "/kategori/{category}/?page=3",
    "search": "/cari/?q=jembatan",  # 10 % of the articles, as the anchor's term
}
WAGTAIL_NAMES = {
    "home": "home",
    "article": "article",
    "category p3": "category_p3",
    "search": "search",
}


def load():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def env(**extra):
    e = dict(os.environ)
    e.update(
        DATABASE_URL=f"{PG}/{DB}",
        CACHE_URL=CACHE_URL,
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT="/tmp/kominfo-vs-static",
        MEDIA_ROOT="/tmp/kominfo-vs-media",
        LOG_LEVEL="WARNING",
        PUBLIC_PAGE_CACHE="off",
        PUBLIC_FRAGMENT_CACHE="on",
        AXES_ENABLED="false",
        GUNICORN_WORKERS="2",
        GUNICORN_ACCESSLOG="off",  # as the anchor's gunicorn (no access log)
        GUNICORN_LOGLEVEL="warning",
        DJANGO_SETTINGS_MODULE="kominfo.settings",
    )
    e.update(extra)
    return e


def prepare():
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    shutil.rmtree("/tmp/kominfo-vs-media", ignore_errors=True)
    for cmd in (
        ["manage.py", "migrate", "-v0"],
        ["manage.py", "collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([PY, *cmd], env=env(), cwd=ROOT, check=True)
    subprocess.run([PY, "bench/seed_articles.py", "2000"], env=env(), cwd=ROOT, check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port, **extra):
    subprocess.run(
        [PY, "-c", f"import redis; redis.Redis.from_url({CACHE_URL!r}).flushdb()"], check=True
    )
    log = open(f"/tmp/kominfo-vs-gunicorn-{port}.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py", "kominfo.wsgi"],
        env=env(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_LOGLEVEL="info", **extra),
        cwd=ROOT,
        start_new_session=True,
        stderr=log,
        stdout=log,
    )
    proc.log = log
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    proc.log.seek(0)
    raise SystemExit("gunicorn did not start:\n" + proc.log.read())


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    proc.log.seek(0)
    text = proc.log.read()
    proc.log.close()
    os.unlink(proc.log.name)
    return text


def wrk(url, duration):
    out = subprocess.run(
        [*WRK, f"-d{duration}", "-s", str(ANCHOR / "tools" / "report.lua"), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    return json.loads(line[len("WRKJSON ") :])


def run_ours(port, pages, rounds=ROUNDS, **extra):
    proc = start(port, **extra)
    base = f"http://127.0.0.1:{port}"
    try:
        for path in pages.values():
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, (path, response.status)
            wrk(base + path, WARMUP)
        results = {name: [] for name in pages}
        for r in range(rounds):
            for name, path in pages.items():
                before = load()
                result = wrk(base + path, DURATION)
                result["load"] = before
                results[name].append(result)
                print(
                    f"  ours round {r + 1} {name:12} {result['rps']:8.1f} req/s  load {before}",
                    flush=True,
                )
    finally:
        err = stop(proc)
    recycled = len(re.findall(r"recycling worker", err))
    return {name: median_round(rs) for name, rs in results.items()}, recycled


def median_round(rounds):
    ordered = sorted(rounds, key=lambda r: r["rps"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["non2xx_all"] = sum(r["non2xx"] for r in rounds)
    chosen["errors_all"] = sum(r["err_timeout"] + r["err_connect"] + r["err_read"] for r in rounds)
    chosen["range"] = (ordered[0]["rps"], ordered[-1]["rps"])
    return chosen


def run_wagtail():
    e = dict(os.environ, ANCHOR_ROOT=ANCHOR_ROOT)
    subprocess.run(["bash", str(ANCHOR / "bench.sh")], env=e, check=True)
    data = json.loads((Path(ANCHOR_ROOT) / "results.json").read_text())
    return {p["page"]: p for p in data["pages"]}, data


def category_slug():
    out = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "-c",
            "from articles.models import Category; print(Category.objects.order_by('order').first().slug)",
        ],
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", action="store_true", help="keep our seeded database")
    parser.add_argument("--no-wagtail", action="store_true")
    parser.add_argument("--recycle", action="store_true", help="also measure recycling p99")
    parser.add_argument("--write", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    if not args.reuse:
        prepare()
    pages = {k: v.format(category=category_slug()) for k, v in PAGES.items()}
    started = datetime.now(UTC)
    load_before = load()
    print(f"== ours ({load_before})", flush=True)
    ours, recycled = run_ours(free_port(), pages)
    wagtail, wagtail_data = ({}, None) if args.no_wagtail else run_wagtail()
    lines = [
        f"Run {started:%Y-%m-%d %H:%M} UTC, `bench/bench_vs_wagtail.py`: 2,000 live articles each, "
        f"wrk -t2 -c16 -d15s, 3 rounds, median round; ours with gunicorn.conf.py (preloaded, "
        f"recycling on: {recycled} recycles seen), page cache off, teaser cache on. "
        f"Load average before {load_before}, after {load()}.",
        "",
        "| page | ours req/s (range) | ours p50 / p99 ms | Wagtail req/s (range) | Wagtail p50 / p99 ms | ratio | target ≥ 3× | load1 at our round |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for name, r in ours.items():
        w = wagtail.get(WAGTAIL_NAMES[name])
        errors = f", {r['non2xx_all']} non-2xx" if r["non2xx_all"] else ""
        ours_cell = f"{r['rps']:.1f} ({r['range'][0]:.0f}–{r['range'][1]:.0f}{errors})"
        ours_lat = f"{r['lat_p50_us'] / 1000:.1f} / {r['lat_p99_us'] / 1000:.1f}"
        if w:
            ratio = r["rps"] / w["rps"]
            w_cell = f"{w['rps']:.1f} ({w['rps_min']:.0f}–{w['rps_max']:.0f})"
            w_lat = f"{w['latency_p50_ms']:.1f} / {w['latency_p99_ms']:.1f}"
            met = "yes" if ratio >= 3 else "**no**"
            lines.append(
                f"| {name} | {ours_cell} | {ours_lat} | {w_cell} | {w_lat} | {ratio:.2f}× | {met} | {r['load']} |"
            )
        else:
            lines.append(f"| {name} | {ours_cell} | {ours_lat} | – | – | – | – | {r['load']} |")
    if wagtail_data:
        m = wagtail_data["machine"]
        lines += [
            "",
            f"Wagtail run: load average before {m['loadavg_before']}, after {m['loadavg_after']}.",
        ]
    if args.recycle:
        lines += [
            "",
            "Recycling at p99 (our category page 3, same wrk settings, 1 round each):",
            "",
        ]
        lines += [
            "| recycling | req/s | p50 ms | p99 ms | max ms | recycles | load1 |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        one = {"category p3": pages["category p3"]}
        for label, extra in (
            ("off", {"GUNICORN_MAX_REQUESTS": "0"}),
            (
                "every 100 ± 20 requests, no minimum age",
                {
                    "GUNICORN_MAX_REQUESTS": "100",
                    "GUNICORN_MAX_REQUESTS_JITTER": "20",
                    "GUNICORN_MIN_WORKER_AGE": "0",
                },
            ),
        ):
            res, n = run_ours(free_port(), one, rounds=1, **extra)
            r = res["category p3"]
            lines.append(
                f"| {label} | {r['rps']:.1f} | {r['lat_p50_us'] / 1000:.1f} | {r['lat_p99_us'] / 1000:.1f} | "
                f"{r['lat_max_us'] / 1000:.1f} | {n} | {r['load']} |"
            )
    report = "\n".join(lines)
    print("\n" + report)
    if args.write:
        with (ROOT / "docs" / "benchmarks.md").open("a") as fh:
            fh.write("\n\n### Side by side with Wagtail\n\n" + report + "\n")


if __name__ == "__main__":
    main()
