"""Project-level guarantees: migrations committed, deploy checks clean, translations complete."""

import ast
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


# Which of the project's apps each app may import (as written in its source, migrations
# included). The project package may import every app except the content apps.
CONTENT_APPS = {"articles", "agenda", "galleries", "ppid", "pages", "announcements"}
CONTENT_DEPS = {"publishing", "media_library", "perangkat_daerah", "site_settings", "richtext"}
MAY_IMPORT = {
    "richtext": {"media_library"},
    "pages": CONTENT_DEPS,
    "announcements": CONTENT_DEPS,
    "perangkat_daerah": set(),
    "authors": {"perangkat_daerah"},
    "media_library": {"perangkat_daerah"},
    "publishing": {"perangkat_daerah"},
    "site_settings": {"media_library", "perangkat_daerah", "richtext"},
    "articles": {
        "publishing",
        "authors",
        "media_library",
        "perangkat_daerah",
        "site_settings",
        "richtext",
    },
    "agenda": {"publishing", "perangkat_daerah", "richtext", "site_settings"},
    "galleries": {"publishing", "media_library", "perangkat_daerah"},
    "ppid": {"publishing", "media_library", "perangkat_daerah"},
}
PROJECT_PACKAGE = "kominfo"


def project_apps():
    """Every top-level Python package of the repository that is not tooling."""
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench", "bin"}
    }


def imported_top_levels(path, root=ROOT):
    """Top-level package names that a module imports, read from its syntax tree:
    `import x.y`, `from x.y import z` and relative imports resolved against the file's
    own package, wherever they appear (functions, TYPE_CHECKING blocks)."""
    package = list(path.relative_to(root).parent.parts)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.add(node.module.split(".")[0])
            else:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + (node.module.split(".") if node.module else [])
                names.add(target[0] if target else "")
    return names


def dependency_offenders(apps):
    offenders = []
    for app in sorted(apps):
        allowed = (apps - CONTENT_APPS) if app == PROJECT_PACKAGE else MAY_IMPORT[app]
        for path in sorted((ROOT / app).rglob("*.py")):
            for other in sorted(imported_top_levels(path) & apps - {app} - allowed):
                offenders.append(f"{path.relative_to(ROOT)} imports {other}")
    return offenders


def test_every_app_has_a_dependency_rule():
    apps = project_apps()
    assert {"kominfo", "articles", "site_settings", "publishing"} <= apps
    assert apps - {PROJECT_PACKAGE} == set(MAY_IMPORT), "add the new app to MAY_IMPORT"


def test_apps_depend_one_way():
    assert dependency_offenders(project_apps()) == []


def test_import_reader_sees_every_form_of_import(tmp_path):
    package = tmp_path / "authors" / "sub"
    package.mkdir(parents=True)
    module = package / "mod.py"
    module.write_text(
        "import articles.models as m\n"
        "from kominfo import settings\n"
        "from . import helpers\n"
        "from .. import models\n"
        "from ...site_settings.models import SiteSettings\n"
        "def later():\n"
        "    from media_library import pipeline\n"
        "text = 'from publishing import signals'  # a string is no import\n"
    )
    assert imported_top_levels(module, root=tmp_path) == {
        "articles",
        "kominfo",
        "authors",
        "site_settings",
        "media_library",
    }
