# Shared helpers for the ops scripts: a seeded PostgreSQL database and gunicorn with
# production settings on loopback. Source it; it defines start_app / stop_app.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY="$ROOT/.venv/bin/python"
BENCH_DB=${BENCH_DB:-kominfo_ops}
PORT=${PORT:-8790}
WORK=$(mktemp -d /tmp/kominfo-ops.XXXXXX)
export DEBUG=false SECRET_KEY="ops-bench-$(head -c 24 /dev/urandom | base64 | tr -dc a-zA-Z0-9)" \
  ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false \
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$BENCH_DB" MEDIA_ROOT="$WORK/media" \
  STATIC_ROOT="$WORK/static" GUNICORN_ACCESSLOG="$WORK/access.log" AXES_ENABLED=false

prepare_db() {
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" postgres
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $BENCH_DB" postgres
  (cd "$ROOT" && "$PY" manage.py migrate --noinput -v0 && "$PY" manage.py seed_demo --force >/dev/null \
    && "$PY" manage.py collectstatic --noinput -v0)
}

start_app() {  # start_app WORKERS
  rm -f "$WORK/gunicorn.pid"
  (cd "$ROOT" && exec env GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS="${1:-2}" \
    "$ROOT/.venv/bin/gunicorn" -c gunicorn.conf.py --pid "$WORK/gunicorn.pid" kominfo.wsgi \
    >"$WORK/gunicorn.log" 2>&1) &
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.2; done
  cat "$WORK/gunicorn.log"; return 1
}

stop_app() {
  local pid
  pid=$(cat "$WORK/gunicorn.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

worker_rss_kb() {  # total RSS of gunicorn workers (children of the master)
  local master; master=$(cat "$WORK/gunicorn.pid")
  ps --ppid "$master" -o rss= | awk '{s+=$1} END {print s+0}'
}

status_counts() {  # status_counts URL N -> "200:N 500:M ..."
  local url=$1 n=$2
  for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{http_code}\n' "$url"; sleep 0.05; done | sort | uniq -c \
    | awk '{printf "%s:%s ", $2, $1}'
}
