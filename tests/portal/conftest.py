"""Fixtures for the agenda, gallery and PPID tests: real rows, real workflow."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from publishing import workflow
from site_settings.models import SiteSettings
from tests.formreader import login
from tests.workflow.helpers import make_world

PORTAL_APPS = ["agenda", "galleries", "ppid"]


def grant_portal_permissions():
    """make_world() resets the groups to kominfo's migration; add this apps' part the
    way their own migrations do."""
    for app in PORTAL_APPS:
        module = importlib.import_module(f"{app}.migrations.0002_group_permissions")
        module.grant(django_apps)


@pytest.fixture
def world(db):
    SiteSettings.load()
    cache.clear()
    w = make_world()
    grant_portal_permissions()
    yield w
    cache.clear()


@pytest.fixture
def as_user():
    def _client(user):
        return login(Client(), user.get_username())

    return _client


def publish(world, obj, when=None):
    """Through the workflow, as a Redaktur does (never by assigning status)."""
    workflow.record_revision(world.penulis, obj)
    workflow.publish(world.redaktur, obj, when=when or timezone.now() - timedelta(minutes=5))
    obj.refresh_from_db()
    return obj
