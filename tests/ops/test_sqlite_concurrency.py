"""The embedded default (SQLite) must take parallel writers without "database is
locked" errors: the demo is used by several people at once."""

import subprocess
import sys

from django.conf import settings

SCRIPT = r"""
import os, threading, django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS hits (n integer)")
connection.close()
errors = []

def writer():
    from django.db import connection
    try:
        for _ in range(15):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM hits")  # read first, then write
                    cursor.execute("INSERT INTO hits VALUES (1)")
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=writer) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM hits")
    print(cursor.fetchone()[0], len(errors), errors[:1])
"""


def test_parallel_writers_on_sqlite_do_not_fail(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "kominfo.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows, errors, first = result.stdout.split(maxsplit=2)
    assert (rows, errors) == ("120", "0"), first
