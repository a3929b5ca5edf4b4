"""Test-suite guard: the suite runs on PostgreSQL and says how to start it if it is down."""

import os

import pytest


def pytest_configure(config):
    import psycopg

    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kominfo")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(admin_url, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        pytest.exit(
            f"PostgreSQL is not reachable at {admin_url} ({error}).\n"
            "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n"
            "or set DATABASE_URL=postgres://user@host:port/dbname",
            returncode=3,
        )
