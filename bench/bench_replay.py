#!/usr/bin/env python3
"""Replay benchmark of the page cache under editorial work (a script, not a test).

Seeds 10,000 live articles (bench/seed_articles.py: a few tags on most articles) into a throw-away database, serves
the site with gunicorn (2 sync workers, DEBUG off, Redis page cache on) and offers a
steady request rate with wrk and a Lua script: article pages with Zipf-distributed
popularity over all 10,000 articles, plus home, category/tag/agency lists, 200 distinct
searches and the feeds. Runs twice: without publications, and with one article
published through the workflow every 30 s. Reports cache hit ratio (X-Page-Cache),
req/s, p50/p99 latency and 5xx, and writes them to docs/benchmarks.md (own section).

    .venv/bin/python bench/bench_replay.py [--seconds 120] [--rate 300] [--no-write]
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_public as bp  # noqa: E402

ROOT = bp.ROOT
ARTICLES = 10_000
SEARCH_WORDS = [
    "jembatan", "kecamatan", "vaksinasi", "pasar", "beasiswa", "banjir", "jalan", "desa",
    "sekolah", "pelatihan", "bupati", "kesehatan", "internet", "pohon", "posyandu", "pajak",
    "nelayan", "petani", "festival", "bimtek",
]  # fmt: skip

PUBLISHER = r"""
import sys, time
from django.contrib.auth.models import User, Group
from articles.models import Article
from publishing import workflow, notifications
editor = User.objects.filter(username="bench-redaktur").first()
if editor is None:
    editor = User.objects.create_user("bench-redaktur", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktur"))
drafts = list(Article.objects.filter(slug__startswith="berita-").order_by("-pk")[:40])
import os
count = int(os.environ["REPLAY_COUNT"]); every = float(os.environ["REPLAY_EVERY"])
with notifications.muted():
    for article in drafts[:count]:
        time.sleep(every)
        workflow.unpublish(editor, article, "bench")
        workflow.restore(editor, article)
        workflow.publish(editor, article)
        print("published", article.slug, flush=True)
"""


def zipf_urls(rng, count, slugs, s=1.1):
    weights = [1 / (rank**s) for rank in range(1, len(slugs) + 1)]
    return [f"/berita/{slug}/" for slug in rng.choices(slugs, weights=weights, k=count)]


def url_mix(rng, total=20_000):
    slugs = [f"berita-{i}" for i in range(ARTICLES)]
    rng.shuffle(slugs)
    categories = ["berita", "pengumuman", "artikel", "siaran-pers", "pemerintahan", "kesehatan"]
    searches = sorted({" ".join(rng.sample(SEARCH_WORDS, 2)) for _ in range(400)})[:200]
    urls = zipf_urls(rng, int(total * 0.75), slugs)
    urls += ["/"] * int(total * 0.08)
    urls += [
        f"/kategori/{rng.choice(categories)}/?page={rng.randint(1, 3)}"
        for _ in range(int(total * 0.06))
    ]
    urls += [f"/tag/topik-{rng.randint(0, 199)}/" for _ in range(int(total * 0.03))]
    urls += [f"/cari/?q={rng.choice(searches).replace(' ', '+')}" for _ in range(int(total * 0.05))]
    urls += ["/rss/"] * int(total * 0.02) + ["/sitemap.xml"] * int(total * 0.01)
    rng.shuffle(urls)
    return urls


LUA = """
local urls = {%(urls)s}
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end
function init(args)
  hits, misses, other, errors5, frags = 0, 0, 0, 0, 0
  idx = id * 997
end
function delay()
  return %(delay_ms)d
end
function request()
  idx = idx + 1
  return wrk.format("GET", urls[(idx %% #urls) + 1])
end
function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if headers["X-Page-Fragments"] == "rendered" then frags = frags + 1 end
  if state == "hit" then hits = hits + 1
  elseif state == "miss" then misses = misses + 1
  else other = other + 1 end
  if status >= 500 then errors5 = errors5 + 1 end
end
function done(summary, latency, requests)
  local h, m, o, e, f = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); m = m + t:get("misses"); o = o + t:get("other"); e = e + t:get("errors5")
    f = f + t:get("frags")
  end
  io.write(string.format("REPLAY hits=%%d misses=%%d other=%%d errors5=%%d frags=%%d\\n", h, m, o, e, f))
end
"""


def run_wrk(script, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script,
         f"http://127.0.0.1:{bp.PORT}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    counts = dict(
        (k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", re.search(r"REPLAY (.*)", out).group(1))
    )
    served = counts["hits"] + counts["misses"]
    return {
        "rps": rps,
        "p50": pct(50),
        "p99": pct(99),
        "hit_ratio": counts["hits"] / served if served else 0.0,
        # Hits whose article "other news" fragment was re-rendered alone (two queries).
        "fragment_renders": counts.get("frags", 0) / served if served else 0.0,
        "errors5": counts["errors5"],
        "uncached": counts["other"],
    }


def warm(paths):
    from concurrent.futures import ThreadPoolExecutor

    def get(path):
        try:
            bp.fetch(f"http://127.0.0.1:{bp.PORT}{path}")
        except OSError:
            pass

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(get, paths))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--rate", type=int, default=300, help="offered requests/s in total")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between publications")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="the database is already seeded")
    parser.add_argument("--only-publications", action="store_true")
    args = parser.parse_args()
    env = bp.server_env(page_cache=True)
    if not args.reuse:
        bp.recreate_database()
        bp.run([bp.PY, "manage.py", "migrate", "-v0"], env)
        bp.run([bp.PY, "bench/seed_articles.py", str(ARTICLES)], env)
        bp.run([bp.PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    rng = random.Random(7)
    urls = url_mix(rng)
    delay_ms = max(1, int(1000 * args.connections / args.rate))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(LUA % {"urls": ",".join(f'"{u}"' for u in urls), "delay_ms": delay_ms})
        script = handle.name
    results = {}
    runs = (("without publications", False), ("one publication every 30 s", True))
    for label, publishing in runs[1:] if args.only_publications else runs:
        bp.run(
            [bp.PY, "-c", f"import redis; redis.Redis.from_url({bp.CACHE_URL!r}).flushdb()"], env
        )
        proc = bp.start_server(True)
        try:
            # Warm the cache as a running site has it: one request to each distinct URL.
            warm(sorted(set(urls)))
            publisher = None
            if publishing:
                count = int(args.seconds // args.every)
                publisher = subprocess.Popen(
                    [bp.PY, "manage.py", "shell", "-c", PUBLISHER],
                    env={**env, "REPLAY_COUNT": str(count), "REPLAY_EVERY": str(args.every)},
                    cwd=ROOT, stdout=subprocess.PIPE, text=True,
                )  # fmt: skip
            load_before = os.getloadavg()[0]
            results[label] = run_wrk(script, args.seconds, args.connections)
            results[label]["load"] = (load_before, os.getloadavg()[0])
            if publisher is not None:
                published = publisher.communicate(timeout=120)[0].count("published")
                results[label]["published"] = published
            print(label, results[label], flush=True)
        finally:
            bp.stop_server(proc)
    report = render(args, results, delay_ms)
    print(report)
    if not args.no_write:
        # Appended as a dated run: earlier runs (and every other section) stay.
        path = ROOT / "docs" / "benchmarks.md"
        text = path.read_text() if path.exists() else ""
        path.write_text(text.rstrip() + "\n\n" + report.replace("## Replay:", "### Replay run:", 1))


def render(args, results, delay_ms):
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Replay: page cache under editorial work",
        "",
        f"Measured {when} by `bench/bench_replay.py` on this machine ({os.cpu_count()} cores): "
        f"{ARTICLES:,} live articles, gunicorn 2 sync workers, Redis page cache, wrk 2 threads × "
        f"{args.connections} connections offering ~{args.rate} req/s (delay {delay_ms} ms per "
        f"request per connection), {args.seconds} s per run after one request to each distinct "
        "URL of the list (a running site's warm cache). URL mix: "
        "75 % article pages (Zipf s=1.1 over all articles), 8 % home, 6 % category pages 1–3, "
        "3 % tag pages, 5 % searches (200 distinct), 3 % feeds and sitemap. Publications go "
        "through `publishing.workflow` (unpublish, restore, publish an existing article).",
        "",
        "| run | hit ratio | of which fragment re-rendered | req/s | p50 ms | p99 ms | 5xx "
        "| publications | load avg (start → end) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, r in results.items():
        lines.append(
            f"| {label} | {r['hit_ratio']:.1%} | {r['fragment_renders']:.1%} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {r['errors5']} | {r.get('published', 0)} | {r['load'][0]:.1f} → {r['load'][1]:.1f} |"
        )
    target = results.get("one publication every 30 s", {})
    met = target and target["hit_ratio"] >= 0.95 and target["p99"] <= 150 and target["errors5"] == 0
    lines += [
        "",
        "Target (issue 12): hit ratio ≥ 95 % and p99 ≤ 150 ms with publications, 0 5xx — "
        + ("**met**." if met else "**missed** (see the numbers above)."),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
