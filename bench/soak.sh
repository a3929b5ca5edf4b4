#!/usr/bin/env bash
# Bounded soak test on loopback: gunicorn (production settings, 2 sync workers) on PostgreSQL,
# wrk for SOAK_SECONDS (default 600) over home, an article, a category page, a search and a feed.
# Reports 5xx count and worker memory growth; appends the result to docs/benchmarks.md.
source "$(dirname "$0")/_server.sh"
SECONDS_TOTAL=${SOAK_SECONDS:-600}
trap 'stop_app; rm -rf "$WORK"' EXIT
export CACHE_URL=${CACHE_URL:-redis://127.0.0.1:6379/7}
prepare_db
# Recycling workers would hide a leak: measure without max_requests.
export GUNICORN_MAX_REQUESTS=0 GUNICORN_MAX_REQUESTS_JITTER=0 GUNICORN_ACCESSLOG=/dev/null
start_app 2
home=$(curl -s "http://127.0.0.1:$PORT/")
article=$(echo "$home" | grep -o 'href="/berita/[^"]*"' | head -1 | cut -d'"' -f2)
category=$(echo "$home" | grep -o 'href="/kategori/[^"]*"' | head -1 | cut -d'"' -f2)
paths="/ $article ${category:-/} /cari/?q=bimtek /rss/"
echo "paths: $paths"
# warm up, then measure the starting memory
PATHS="$paths" wrk -t2 -c8 -d10s -s "$ROOT/bench/soak.lua" "http://127.0.0.1:$PORT" >/dev/null
rss_start=$(worker_rss_kb)
out=$(PATHS="$paths" wrk -t2 -c16 -d"${SECONDS_TOTAL}s" --latency -s "$ROOT/bench/soak.lua" "http://127.0.0.1:$PORT")
rss_end=$(worker_rss_kb)
echo "$out"
line=$(echo "$out" | grep '^SOAK')
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
growth=$(awk -v a="$rss_start" -v b="$rss_end" 'BEGIN {printf "%.1f", (b-a)*100/a}')
summary="| $(date -u +%Y-%m-%d) | ${SECONDS_TOTAL}s | $rps | ${non2xx:-0} | $line | ${rss_start} kB | ${rss_end} kB | ${growth} % |"
echo "$summary"
doc="$ROOT/docs/benchmarks.md"
if ! grep -q '^## Soak' "$doc" 2>/dev/null; then
  cat >>"$doc" <<MD

## Soak (bench/soak.sh)

gunicorn with production settings, 2 sync workers without max_requests (so a leak would show),
Redis cache, PostgreSQL, wrk 2 threads × 16 connections rotating over: home, an article, a category
page, a search and the RSS feed. "non-2xx/3xx" counts every error answer (a 5xx would be one).
The same five URLs repeat, so after the first request each is served from the page cache, as most
real traffic is; the uncached path is measured by bench/bench_public.py.

| date | duration | req/s | non-2xx/3xx | wrk summary | worker RSS start | worker RSS end | growth |
|---|---|---|---|---|---|---|---|
MD
fi
echo "$summary" >>"$doc"
