#!/usr/bin/env python3
"""Cached article page against a static file of the same size, interleaved (a script, not
a test): issue 12 item 4 (target: cached article ≥ 60 % of the static file).

    .venv/bin/python bench/bench_cached_vs_static.py     # after bench_public.py has seeded

Uses the database and settings of bench/bench_public.py (BENCH_DATABASE_URL, BENCH_CACHE_URL,
BENCH_STATIC_ROOT; run that first, e.g. with --articles 2000 --no-write). Starts two gunicorn
servers (2 sync workers each, page cache on, no access log): one counting every view in
the cache at once (MOST_READ_BUFFER=1, the behaviour before this change) and one with the
default buffer (20 views per round trip). wrk (-t2 -c16) then runs ROUNDS × SECONDS on
each of: article via server 1, article via server 2, the static file via server 2, in
turn, so that all three see the same machine load; the median round is reported.
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_public as bp  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", 5))
SECONDS = int(os.environ.get("SECONDS_PER_ROUND", 6))


def start(port, buffer):
    env = bp.server_env(page_cache=True)
    env.update(MOST_READ_BUFFER=str(buffer), GUNICORN_MAX_REQUESTS="0")
    proc = subprocess.Popen(
        [
            str(Path(bp.PY).parent / "gunicorn"),
            "kominfo.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=bp.ROOT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def main():
    article = "/berita/berita-1000/"
    servers = {1: start(bp.PORT + 1, 1), 20: start(bp.PORT + 2, 20)}
    try:
        body = bp.fetch(f"http://127.0.0.1:{bp.PORT + 2}{article}")
        (bp.STATIC_ROOT / "bench-probe.html").write_bytes(b"x" * len(body))
        # WhiteNoise indexes the static files when it starts: restart to serve the probe.
        bp.stop_server(servers[20])
        servers[20] = start(bp.PORT + 2, 20)
        targets = {
            "cached article, a cache round trip per view": f"http://127.0.0.1:{bp.PORT + 1}{article}",
            "cached article, views buffered (20)": f"http://127.0.0.1:{bp.PORT + 2}{article}",
            "static file, same size": f"http://127.0.0.1:{bp.PORT + 2}/static/bench-probe.html",
        }
        for url in targets.values():
            bp.fetch(url)
            bp.wrk(url, 2)
        rounds = {name: [] for name in targets}
        loads = []
        for _ in range(ROUNDS):
            loads.append(bp._load())
            for name, url in targets.items():
                rounds[name].append(bp.wrk(url, SECONDS))
    finally:
        for proc in servers.values():
            bp.stop_server(proc)
    static = statistics.median(r["rps"] for r in rounds["static file, same size"])
    print(
        f"\n{len(body):,} bytes; {ROUNDS} interleaved rounds of {SECONDS} s; load average at each round: {'; '.join(loads)}\n"
    )
    print("| target | req/s (median round) | p50 ms | p99 ms | % of static |")
    print("|---|---:|---:|---:|---:|")
    for name, rs in rounds.items():
        median = sorted(rs, key=lambda r: r["rps"])[len(rs) // 2]
        print(
            f"| {name} | {median['rps']:,.0f} | {median['p50']:.1f} | {median['p99']:.1f} | "
            f"{100 * median['rps'] / static:.0f} % |"
        )


if __name__ == "__main__":
    main()
