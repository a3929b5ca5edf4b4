#!/usr/bin/env python3
"""Benchmark of the public site (a script, not a test).

Seeds N live articles quickly into a throw-away PostgreSQL database, serves the site
with gunicorn (production settings: DEBUG off, 2 sync workers, Redis cache), and
measures requests/s and p50/p99 latency with wrk for home, an article, a category
page and a search -- with all caches off, with the page cache off and on -- plus a
static file of the same size as the article page served by the same server
(WhiteNoise) as the ceiling.
Writes the results to docs/benchmarks.md.

    .venv/bin/python bench/bench_public.py                 # 10,000 articles
    .venv/bin/python bench/bench_public.py --articles 100000 --no-write

Needs: PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/kominfo_bench,
dropped and recreated), Redis (BENCH_CACHE_URL, default redis://127.0.0.1:6379/3, flushed),
wrk (apt-get install wrk).

Seeding: bench/seed_articles.py (bulk_create, realistic tags: a few tags on most
articles, many rare ones).
"""

import argparse
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8031"))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kominfo_bench")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/3")
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/kominfo-bench-static"))
MEDIA_ROOT = Path(os.environ.get("BENCH_MEDIA_ROOT", "/tmp/kominfo-bench-media"))


def server_env(page_cache, fragments=True):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=DB_URL,
        CACHE_URL=CACHE_URL,
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(STATIC_ROOT),
        MEDIA_ROOT=str(MEDIA_ROOT),
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESSLOG="/dev/null",  # gunicorn reads ./gunicorn.conf.py by default
        PUBLIC_PAGE_CACHE="on" if page_cache else "off",
        PUBLIC_FRAGMENT_CACHE="on" if fragments else "off",
        DJANGO_SETTINGS_MODULE="kominfo.settings",
    )
    return env


def run(cmd, env, **kw):
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kw)


def recreate_database():
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    admin = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def wrk(url, seconds, threads=2, connections=16):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": pct(50),
        "p99": pct(99),
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "",
    }


def start_server(page_cache, fragments=True):
    env = server_env(page_cache, fragments)
    proc = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "kominfo.wsgi",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def stop_server(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    started = time.time()
    env = server_env(page_cache=False)
    recreate_database()
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    run([PY, "manage.py", "migrate", "-v0"], env)
    run([PY, "-c", f"import redis; redis.Redis.from_url({CACHE_URL!r}).flushdb()"], env)
    run([PY, "bench/seed_articles.py", str(args.articles)], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)

    pages = {
        "home": "/",
        "article": f"/berita/berita-{args.articles // 2}/",
        "category": "/kategori/berita/",
        "search": "/cari/?q=jembatan+kecamatan",
    }
    base = f"http://127.0.0.1:{PORT}"
    results = {}
    sizes = {}
    # "all caches off": every request renders everything (the first request after any
    # public change); "cache off": page cache off, teasers reused within a generation.
    modes = [("all caches off", False, False), ("cache off", False, True), ("cache on", True, True)]
    for label, cached, fragments in modes:
        run([PY, "-c", f"import redis; redis.Redis.from_url({CACHE_URL!r}).flushdb()"], env)
        if cached:
            # the ceiling: a static file of the same size as the article page
            (STATIC_ROOT / "bench-probe.html").write_bytes(b"x" * sizes["article"])
        proc = start_server(cached, fragments)
        try:
            for name, path in pages.items():
                body = fetch(base + path)
                sizes.setdefault(name, len(body))
                wrk(base + path, 2)  # warm-up (connections, plan cache, page cache)
                results[(label, name)] = wrk(base + path, args.seconds)
                print(label, name, results[(label, name)], flush=True)
            if cached:
                fetch(base + "/static/bench-probe.html")
                wrk(base + "/static/bench-probe.html", 2)
                results[("static", "static file")] = wrk(
                    base + "/static/bench-probe.html", args.seconds
                )
                print("static", results[("static", "static file")], flush=True)
        finally:
            stop_server(proc)
    elapsed = time.time() - started
    report = render(args, results, sizes, elapsed)
    print(report)
    if not args.no_write:
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "benchmarks.md").write_text(report)


TARGETS = {
    ("cache off", "article"): 350,
    ("cache off", "home"): 300,
    ("cache off", "category"): 350,
    ("cache off", "search"): 200,
}


def render(args, results, sizes, elapsed):
    import django
    import gunicorn

    static = results[("static", "static file")]["rps"]
    lines = [
        "# Public site benchmark",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `bench/bench_public.py` "
        f"({args.articles:,} live articles, wrk {args.seconds} s per URL, 2 threads, "
        f"16 connections, after a 2 s warm-up). Total run time {elapsed:.0f} s.",
        "",
        "## Machine and versions",
        "",
        f"- CPU: {_cpu()} ({os.cpu_count()} cores), RAM {_ram()}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__} (2 sync workers, DEBUG off, production settings)",
        f"- {version(['psql', '--version'])} (server on 127.0.0.1, same machine)",
        f"- {version(['redis-server', '--version'])} (cache, CACHE_URL)",
        f"- {version(['wrk', '--version'])}",
        "- wrk, gunicorn, PostgreSQL and Redis share the same 2 cores; the machine is shared",
        f"  with other work: load average before the run {LOAD_BEFORE}, after {_load()}.",
        "",
        "## Results",
        "",
        "| page | page cache | bytes | req/s | p50 ms | p99 ms | target | met |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for (label, name), r in results.items():
        if label == "static":
            target, met = "ceiling", ""
        elif label in ("cache off", "all caches off"):
            goal = TARGETS[("cache off", name)]
            target = f">= {goal} req/s" + (", p50 <= 30 ms" if name == "search" else "")
            ok = r["rps"] >= goal and (name != "search" or r["p50"] <= 30)
            met = "yes" if ok else "**no**"
        else:
            target = ">= 1,500 req/s and >= 50 % of static"
            ok = r["rps"] >= 1500 and r["rps"] >= static / 2
            met = "yes" if ok else "**no**"
        size = sizes.get(name, sizes.get("article"))
        errors = f" ({r['non2xx']} non-2xx)" if r["non2xx"] else ""
        lines.append(
            f"| {name} | {label} | {size:,} | {r['rps']:,.0f}{errors} | {r['p50']:.1f} | "
            f"{r['p99']:.1f} | {target} | {met} |"
        )
    lines += [
        "",
        "The static file is a file of the same size as the article page, served by the",
        "same gunicorn + WhiteNoise process: the ceiling for a cached page.",
        "Cached article pages still count the view (held in the worker, sent to Redis 20",
        'at a time, a database upsert every 50 slots). "cache off" is the page cache off with',
        'teasers reused within the content generation; "all caches off" renders every',
        "teaser too, as the first requests after any public change do.",
        "",
    ]
    return "\n".join(lines)


def _load():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


LOAD_BEFORE = _load()


def _cpu():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _ram():
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        return f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, AttributeError):
        return "?"


if __name__ == "__main__":
    main()
