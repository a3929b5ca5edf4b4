"""SiteSettings moved from the kominfo package to the site_settings app: an existing
database keeps its row (and the permissions given on it) across the move, both ways."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]


def _scratch_url():
    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    # Named after this checkout's database so parallel runs never share it.
    return base, f"{name}_settings_move"


def _admin(sql):
    base, _ = _scratch_url()
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args, "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (args, result.stdout + result.stderr)


def _query(url, sql):
    with psycopg.connect(url) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else None


PERMS_SQL = """
    SELECT ct.app_label, count(*) FROM auth_group_permissions gp
    JOIN auth_permission p ON p.id = gp.permission_id
    JOIN django_content_type ct ON ct.id = p.content_type_id
    WHERE ct.model = 'sitesettings' GROUP BY ct.app_label
"""


def test_existing_site_settings_row_survives_the_move_and_its_reversal():
    base, name = _scratch_url()
    url = f"{base}/{name}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="kominfo.settings")
    _admin(f"DROP DATABASE IF EXISTS {name}")
    _admin(f"CREATE DATABASE {name}")
    try:
        # The database as it was before the move: the row lives in kominfo's table.
        _manage(env, "migrate", "kominfo", "0003", "--noinput")
        _query(
            url,
            "INSERT INTO kominfo_sitesettings (id, site_name, tagline, office_name, footer_text,"
            " address, phone, email, facebook_url, instagram_url, x_url, youtube_url,"
            " require_two_factor) VALUES (1, 'Dinas Kominfo Ujì', '', 'Kantor «uji»', '', '',"
            " '', '', '', '', '', '', true)",
        )
        assert _query(url, PERMS_SQL) == [("kominfo", 4)]

        _manage(env, "migrate", "--noinput")
        rows = _query(
            url,
            "SELECT id, site_name, office_name, require_two_factor FROM site_settings_sitesettings",
        )
        assert rows == [(1, "Dinas Kominfo Ujì", "Kantor «uji»", True)]
        assert _query(url, PERMS_SQL) == [("site_settings", 4)]

        _manage(env, "migrate", "site_settings", "zero", "--noinput")
        rows = _query(url, "SELECT id, site_name FROM kominfo_sitesettings")
        assert rows == [(1, "Dinas Kominfo Ujì")]
        assert _query(url, PERMS_SQL) == [("kominfo", 4)]
    finally:
        _admin(f"DROP DATABASE IF EXISTS {name}")
