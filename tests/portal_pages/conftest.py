import pytest
from django.core.cache import cache

from site_settings.models import SiteSettings

from .helpers import portal_world


@pytest.fixture(autouse=True)
def _clean_cache(db):
    SiteSettings.load()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return portal_world()
