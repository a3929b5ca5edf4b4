"""Fixtures for the public-site tests: real PostgreSQL, real cache, real workflow."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from perangkat_daerah.roles import REDAKTUR
from publishing import workflow
from site_settings.models import SiteSettings
from tests.factories import add_byline, make_article, make_user


@pytest.fixture(autouse=True)
def _clean_cache(db):
    # The settings row exists on a real site; creating it lazily inside the first
    # request would (rightly) start a new cache generation.
    SiteSettings.load()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return make_user(REDAKTUR)


@pytest.fixture
def publish(editor):
    """Build a complete article and publish it through the workflow (optionally at `when`)."""

    def _publish(when=None, byline="Wak Hedir", tags=(), **fields):
        article = make_article(**fields)
        if tags:
            article.tags.add(*tags)
        if byline:
            add_byline(article, byline)
        workflow.publish(editor, article, when=when or timezone.now() - timedelta(minutes=5))
        article.refresh_from_db()
        return article

    return _publish
