#!/usr/bin/env bash
# Demonstrates on loopback: (1) with the Redis cache killed the site keeps answering 200 from
# the database; (2) after a PostgreSQL restart the app recovers by itself, without restarting
# gunicorn (CONN_HEALTH_CHECKS). Writes docs/fault-tolerance.md.
# NOTE: step 2 restarts the machine's PostgreSQL cluster: do not run it while tests run.
source "$(dirname "$0")/_server.sh"
REDIS_PORT=${REDIS_PORT:-6391}
trap 'stop_app; redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes >/dev/null
export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
prepare_db
start_app 2
ARTICLE=$(curl -s "http://127.0.0.1:$PORT/" | grep -o 'href="/berita/[^"]*"' | head -1 | cut -d'"' -f2)
echo "article: $ARTICLE"

before=$(status_counts "http://127.0.0.1:$PORT$ARTICLE" 40)
ready_before=$(curl -s "http://127.0.0.1:$PORT/readyz")
redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
sleep 0.5
redis_down=$(status_counts "http://127.0.0.1:$PORT$ARTICLE" 40)
redis_down_home=$(status_counts "http://127.0.0.1:$PORT/" 20)
ready_redis_down=$(curl -s -w ' HTTP %{http_code}' "http://127.0.0.1:$PORT/readyz")
warnings=$(grep -c "Cache unavailable" "$WORK/gunicorn.log" || true)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes >/dev/null
sleep 0.5
redis_back=$(status_counts "http://127.0.0.1:$PORT$ARTICLE" 20)

pg_start=$(date +%s.%N)
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main restart
pg_after_restart=$(status_counts "http://127.0.0.1:$PORT$ARTICLE" 40)
# Uncacheable requests (a new query string each time) must reach PostgreSQL on both workers.
pg_after_restart_db=$(for i in $(seq 40); do
  curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$PORT/cari/?q=bimtek&n=$i"; done \
  | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}')
ready_after_many=$(status_counts "http://127.0.0.1:$PORT/readyz" 20)
ready_after=$(curl -s "http://127.0.0.1:$PORT/readyz")
gunicorn_pid_same=$(kill -0 "$(cat "$WORK/gunicorn.pid")" && echo yes || echo no)

report="$ROOT/docs/fault-tolerance.md"
cat >"$report" <<MD
# Fault tolerance — measured $(date -u +%Y-%m-%dT%H:%MZ)

Run by \`bench/fault_tolerance.sh\` on $(nproc) cores, gunicorn 2 sync workers, production settings
(DEBUG off), PostgreSQL $(psql -V | awk '{print $3}') and Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on loopback.
Each line counts HTTP status codes of sequential requests (\`code:count\`).

| phase | result |
|---|---|
| Redis up, article page | $before |
| /readyz with Redis up | \`$ready_before\` |
| **Redis killed**, article page | $redis_down |
| **Redis killed**, home page | $redis_down_home |
| /readyz with Redis killed | \`$ready_redis_down\` |
| "Cache unavailable" warnings in the log (rate-limited to 1/min/worker) | $warnings |
| Redis started again, article page | $redis_back |
| **PostgreSQL restarted** (same gunicorn master, no restart), article page | $pg_after_restart |
| after the restart, 40 searches with distinct query strings (never from the page cache: each one queries PostgreSQL) | $pg_after_restart_db |
| after the restart, /readyz ×20 (a \`SELECT 1\` on whichever worker answers) | $ready_after_many |
| /readyz after the PostgreSQL restart | \`$ready_after\` |
| gunicorn master still the same process | $gunicorn_pid_same |

With Redis gone the cache backend (\`kominfo/cache.py\`) turns every read into a miss and every
write into a no-op, so pages come from PostgreSQL; /readyz reports the cache as down (503) so
monitoring notices, while /healthz (process alive) stays 200. After a PostgreSQL restart the first request on each persistent connection fails
the health check and Django opens a new one (\`CONN_HEALTH_CHECKS = True\`).
MD
cat "$report"
