import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from perangkat_daerah.roles import REDAKTUR
from site_settings.models import SiteSettings
from tests.factories import make_pd, make_user
from tests.workflow.helpers import ensure_groups


@pytest.fixture(autouse=True)
def _clean_cache(db):
    SiteSettings.load()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pd(db):
    return make_pd("Diskominfo Perstik Kutim")


@pytest.fixture
def editor(db):
    ensure_groups()
    return make_user(REDAKTUR, username="redaktur-impor")


@pytest.fixture
def run_import(tmp_path, pd, editor):
    """Write an export to disk and run the real management command on it."""

    def _run(xml_bytes, *extra, uploads=None, name="export.xml"):
        path = tmp_path / name
        path.write_bytes(xml_bytes)
        args = [str(path), "--pd", pd.slug, "--user", editor.username, "--no-progress"]
        if uploads is not None:
            args += ["--uploads", str(uploads)]
        out = io.StringIO()
        call_command("import_wordpress", *args, *extra, stdout=out)
        return out.getvalue()

    return _run
