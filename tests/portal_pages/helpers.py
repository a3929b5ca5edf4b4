"""Builders for the pages/announcements/menu tests: real rows, real workflow."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from announcements.models import Announcement
from pages.models import Page
from publishing import workflow
from tests.workflow.helpers import ensure_groups, make_world

_seq = iter(range(1, 10**9))


def grant_content_permissions():
    """The groups' permissions for pages and announcements come from these apps'
    data migrations; tests that re-create the groups apply them the same way."""
    for app in ("pages", "announcements"):
        module = importlib.import_module(f"{app}.migrations.0002_group_permissions")
        module.grant(apps, None)


def portal_world():
    world = make_world()
    grant_content_permissions()
    return world


def regroup():
    ensure_groups()
    grant_content_permissions()


def make_announcement(world, state="published", *, starts=None, expires=None, **fields):
    n = next(_seq)
    values = {
        "title": f"Pengumuman uji {n}",
        "slug": f"pengumuman-uji-{n}",
        "summary": "Ringkasan pengumuman uji.",
        "body": "<p>Isi pengumuman uji.</p>",
        "perangkat_daerah": world.pd,
        "created_by": world.penulis,
    }
    values.update(fields)
    item = Announcement.objects.create(**values)
    workflow.record_revision(world.penulis, item)
    if state == "draft":
        return item
    workflow.submit(world.penulis, item)
    if state == "review":
        return item
    when = starts or timezone.now() - timedelta(hours=1)
    workflow.publish(world.redaktur, item, when=when, expires=expires)
    item.refresh_from_db()
    return item


def make_page(world, slug, state="published", *, parent=None, pd=None, **fields):
    values = {
        "title": slug.replace("-", " ").title(),
        "slug": slug,
        "body": f"<p>Isi halaman {slug}.</p>",
        "parent": parent,
        "perangkat_daerah": pd,
        "created_by": world.redaktur,
    }
    values.update(fields)
    page = Page.objects.create(**values)
    workflow.record_revision(world.redaktur, page)
    if state == "published":
        workflow.publish(world.redaktur, page, when=timezone.now() - timedelta(hours=1))
        page.refresh_from_db()
    return page
