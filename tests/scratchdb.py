"""A throw-away PostgreSQL database for tests that run manage.py as a deploy would
(migrations forward and back). Named after the suite's database, so parallel
checkouts never drop each other's."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]


def _admin(base, sql):
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def scratch_database(suffix):
    """Yields the environment for manage.py on a fresh database; drops it afterwards."""
    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # parallel workers never share one
    name = f"{name}_{worker}_{suffix}" if worker else f"{name}_{suffix}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=f"{base}/{name}", DJANGO_SETTINGS_MODULE="kominfo.settings")
    _admin(base, f"DROP DATABASE IF EXISTS {name}")
    _admin(base, f"CREATE DATABASE {name}")
    try:
        yield env
    finally:
        _admin(base, f"DROP DATABASE IF EXISTS {name}")


def run(env, *args):
    """Run ``python *args`` in the project folder; fail the test with its output."""
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, (args, result.stdout + result.stderr)
    return result.stdout


def manage(env, *args):
    return run(env, "manage.py", *args, "-v0")


def query(env, sql, params=None):
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else None
