"""Every migration can be unapplied and applied again on PostgreSQL (scratch database)."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
# Named after the suite's database so parallel checkouts do not drop each other's.
SCRATCH = os.environ.get("DATABASE_URL", "/kominfo").rsplit("/", 1)[1] + "_migrations_scratch"


def _admin(sql):
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def test_all_migrations_reverse_to_zero_and_forward_again():
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=f"{base}/{SCRATCH}", DJANGO_SETTINGS_MODULE="kominfo.settings")
    _admin(f"DROP DATABASE IF EXISTS {SCRATCH}")
    _admin(f"CREATE DATABASE {SCRATCH}")
    try:
        steps = [
            ["migrate", "--noinput"],
            ["migrate", "kominfo", "zero", "--noinput"],
            ["migrate", "articles", "zero", "--noinput"],
            ["migrate", "publishing", "zero", "--noinput"],
            ["migrate", "media_library", "zero", "--noinput"],
            ["migrate", "authors", "zero", "--noinput"],
            ["migrate", "perangkat_daerah", "zero", "--noinput"],
            ["migrate", "--noinput"],
        ]
        for step in steps:
            result = subprocess.run(
                [sys.executable, "manage.py", *step, "-v0"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, (step, result.stdout + result.stderr)
        with psycopg.connect(env["DATABASE_URL"]) as conn:
            groups = conn.execute("SELECT count(*) FROM auth_group").fetchone()[0]
        assert groups == 3
    finally:
        _admin(f"DROP DATABASE IF EXISTS {SCRATCH}")
