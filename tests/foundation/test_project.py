"""Project-level guarantees: migrations committed, deploy checks clean, translations complete."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "production-like-secret-key-for-checks-0123456789",
    "ALLOWED_HOSTS": "berita.example.go.id",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "DJANGO_SETTINGS_MODULE": "kominfo.settings",
    "SECURE_SSL_REDIRECT": "true",
}


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def run_manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            k: v
            for k, v in {**os.environ, **(env or {})}.items()
            if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_indonesian_catalogue_is_complete_and_compiled():
    po = ROOT / "locale/id/LC_MESSAGES/django.po"
    mo = ROOT / "locale/id/LC_MESSAGES/django.mo"
    assert po.exists() and mo.exists()
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "run `make messages` to recompile"


def test_apps_depend_one_way():
    forbidden = {
        "perangkat_daerah": ["authors", "media_library", "articles", "kominfo"],
        "authors": ["media_library", "articles", "kominfo"],
        "media_library": ["authors", "articles", "kominfo"],
        "articles": ["kominfo"],
    }
    offenders = []
    for app, banned in forbidden.items():
        for path in (ROOT / app).rglob("*.py"):
            text = path.read_text()
            # Site-wide settings (kominfo.models.SiteSettings) are configuration, like
            # django.conf.settings: any app may read them.
            text = text.replace("from kominfo.models import SiteSettings", "")
            for other in banned:
                if f"from {other}" in text or f"import {other}" in text or f'"{other}.' in text:
                    if "migrations" in path.parts and other != "kominfo":
                        continue
                    offenders.append(f"{path.relative_to(ROOT)} -> {other}")
    assert not offenders, offenders
