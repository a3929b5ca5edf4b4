#!/usr/bin/env python3
"""Cached article page against a static file of the same size, interleaved (a script, not
a test): issue 12 item 4 (target: cached article ≥ 60 % of the static file).

    .venv/bin/python bench/bench_cached_vs_static.py     # after bench_public.py has seeded
    BENCH_BEFORE_ROOT=/tmp/base .venv/bin/python bench/bench_cached_vs_static.py

Uses the database and settings of bench/bench_public.py (BENCH_DATABASE_URL, BENCH_CACHE_URL,
BENCH_STATIC_ROOT, BENCH_PORT; run that first, e.g. with --articles 2000 --no-write). Starts
a gunicorn server (2 sync workers, page cache on, default view buffer, recycling off) and,
with BENCH_BEFORE_ROOT (an export of an earlier commit, e.g. ``git archive main | tar -x -C
/tmp/base``, run with this virtualenv), a second one from that tree. wrk (-t2 -c16) then runs
ROUNDS × SECONDS_PER_ROUND on each target in turn (the article from each server, the static
file), so that all see the same machine load; the median round is reported, with the CPU
time the server's workers spent per request in that round (from /proc: steadier than req/s
on a shared machine). Appends a dated section to docs/benchmarks.md (not with --no-write).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_public as bp  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", 5))
SECONDS = int(os.environ.get("SECONDS_PER_ROUND", 6))
BEFORE_ROOT = os.environ.get("BENCH_BEFORE_ROOT", "")
ARTICLE = "/berita/berita-1000/"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def start(port, root):
    env = bp.server_env(page_cache=True)
    env.update(GUNICORN_MAX_REQUESTS="0")
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
        cwd=root,  # gunicorn reads ./gunicorn.conf.py and imports the project from here
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def workers_cpu(proc):
    """CPU seconds (user + system) used so far by the server's worker processes."""
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    total = 0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def measure(url, proc):
    before = workers_cpu(proc)
    result = bp.wrk(url, SECONDS)
    result["cpu_ms"] = 1000 * (workers_cpu(proc) - before) / max(1, result["rps"] * SECONDS)
    return result


def revision(root):
    try:
        return subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip() + (" with uncommitted changes" if _dirty(root) else "")
    except (OSError, subprocess.CalledProcessError):
        return Path(root).name


def _dirty(root):
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    )
    return bool(status.stdout.strip())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()
    port = bp.PORT + 1
    servers = {"now": start(port, bp.ROOT)}
    try:
        body = bp.fetch(f"http://127.0.0.1:{port}{ARTICLE}")
        (bp.STATIC_ROOT / "bench-probe.html").write_bytes(b"x" * len(body))
        # WhiteNoise indexes the static files when it starts: restart to serve the probe.
        bp.stop_server(servers["now"])
        servers["now"] = start(port, bp.ROOT)
        targets = {f"cached article ({revision(bp.ROOT)})": ("now", f"127.0.0.1:{port}{ARTICLE}")}
        if BEFORE_ROOT:
            servers["before"] = start(port + 1, BEFORE_ROOT)
            name = f"cached article, before ({revision(BEFORE_ROOT)})"
            targets[name] = ("before", f"127.0.0.1:{port + 1}{ARTICLE}")
        static = "static file, same size"
        targets[static] = ("now", f"127.0.0.1:{port}/static/bench-probe.html")
        for _, url in targets.values():
            bp.fetch(f"http://{url}")
            bp.wrk(f"http://{url}", 2)
        rounds = {name: [] for name in targets}
        loads = []
        for _ in range(ROUNDS):
            loads.append(bp._load())
            for name, (server, url) in targets.items():
                rounds[name].append(measure(f"http://{url}", servers[server]))
        loads.append(bp._load())
    finally:
        for proc in servers.values():
            bp.stop_server(proc)
    ceiling = statistics.median(r["rps"] for r in rounds[static])
    lines = [
        f"`bench/bench_cached_vs_static.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: "
        f"{len(body):,} bytes, 2 sync workers per server, wrk -t2 -c16, {ROUNDS} interleaved "
        f"rounds of {SECONDS} s, median round (by req/s). Load average at each round: "
        f"{'; '.join(loads)}.",
        "",
        "| target | req/s (median round) | p50 ms | p99 ms | % of static (medians) | "
        "% of the static file's req/s in the same round: each round (median) | "
        "worker CPU ms/req: each round |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for name, rs in rounds.items():
        median = sorted(rs, key=lambda r: r["rps"])[len(rs) // 2]
        paired = [100 * r["rps"] / s["rps"] for r, s in zip(rs, rounds[static], strict=True)]
        each = " / ".join(f"{p:.0f}" for p in paired)
        cpu = " / ".join(f"{r['cpu_ms']:.2f}" for r in rs)
        lines.append(
            f"| {name} | {median['rps']:,.0f} | {median['p50']:.1f} | {median['p99']:.1f} | "
            f"{100 * median['rps'] / ceiling:.0f} % | {each} (**{statistics.median(paired):.0f} %**)"
            f" | {cpu} |"
        )
    report = "\n".join(lines)
    print("\n" + report)
    if not args.no_write:
        with open(bp.ROOT / "docs" / "benchmarks.md", "a") as docs:
            docs.write(
                f"\n### Cached article against a static file (run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n\n{report}\n"
            )


if __name__ == "__main__":
    main()
