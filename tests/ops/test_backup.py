"""Back up a seeded demo database, wipe it, restore it, and compare the content."""

import hashlib
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.scratchdb import scratch_database

ROOT = Path(__file__).resolve().parents[2]


def _snapshot(url, media):
    with psycopg.connect(url) as conn:
        articles = conn.execute(
            "SELECT slug, title, status, body, published_at FROM articles_article ORDER BY slug"
        ).fetchall()
        users = conn.execute(
            "SELECT username, password FROM auth_user ORDER BY username"
        ).fetchall()
    files = {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }
    return articles, users, files


@pytest.fixture
def scratch(tmp_path):
    with scratch_database("backup_scratch") as env:
        yield {**env, "MEDIA_ROOT": str(tmp_path / "media")}, tmp_path


def run(args, env, **kwargs):
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, **kwargs
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_backup_wipe_restore_gives_back_the_same_content(scratch):
    env, tmp = scratch
    media = Path(env["MEDIA_ROOT"])
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([sys.executable, "manage.py", "seed_demo", "--force"], env)
    before = _snapshot(env["DATABASE_URL"], media)
    assert len(before[0]) >= 50 and len(before[2]) >= 10

    backup_dir = run(["bin/backup", str(tmp / "backups")], env).strip().splitlines()[-1]

    # Wipe: drop every table and every media file.
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert not any(media.iterdir())

    run(["bin/restore", backup_dir, "--yes"], env)
    assert _snapshot(env["DATABASE_URL"], media) == before
    # The restored site still works: Django sees the data through its own migrations table.
    out = run([sys.executable, "manage.py", "showmigrations", "articles"], env)
    assert "[X] 0001_initial" in out


def test_restore_refuses_a_corrupted_backup(scratch, tmp_path):
    env, _ = scratch
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "database.dump").write_bytes(b"x")
    (bad / "media.tar.gz").write_bytes(b"y")
    (bad / "SHA256SUMS").write_text("0" * 64 + "  database.dump\n" + "0" * 64 + "  media.tar.gz\n")
    result = subprocess.run(
        ["bin/restore", str(bad), "--yes"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
