"""Shared builders for the workflow tests (real database rows, no mocks)."""

import importlib
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from articles.models import Article
from perangkat_daerah.roles import ADMINISTRATOR, PENULIS, REDAKTUR
from publishing import workflow
from tests import factories


def ensure_groups():
    """The role groups come from a data migration; a transactional test's flush removes
    them, so tests that may run after one re-create them the same way."""
    groups_migration = importlib.import_module("kominfo.migrations.0002_groups")
    for name, codes in groups_migration.PERMS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            Permission.objects.get(
                content_type__app_label=c.split(".")[0], codename=c.split(".")[1]
            )
            for c in codes
        ]
        group.permissions.set(perms)
    admin_group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    admin_group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=groups_migration.ADMIN_APPS)
    )


@dataclass
class World:
    pd: object
    other_pd: object
    penulis: User
    penulis_other: User
    redaktur: User
    admin: User
    image: object
    category: object

    def user(self, role):
        return {
            "penulis_own": self.penulis,
            "penulis_other": self.penulis_other,
            "redaktur": self.redaktur,
            "admin": self.admin,
            "anon": None,
        }[role]


def make_world():
    ensure_groups()
    pd, other_pd = factories.make_pd(), factories.make_pd()
    penulis = factories.make_user(PENULIS, pd)
    penulis.first_name, penulis.last_name = "Putra", "Penulis"
    penulis.save()
    penulis_other = factories.make_user(PENULIS, other_pd)
    redaktur = factories.make_user(REDAKTUR)
    redaktur.first_name, redaktur.last_name = "Rina", "Redaktur"
    redaktur.save()
    admin = factories.make_user(ADMINISTRATOR)
    admin.is_superuser = True
    admin.save()
    return World(
        pd=pd,
        other_pd=other_pd,
        penulis=penulis,
        penulis_other=penulis_other,
        redaktur=redaktur,
        admin=admin,
        image=factories.make_image(pd),
        category=factories.make_category(),
    )


def make_article_in(world, state, **fields):
    """A complete article of world.pd written by world.penulis, moved to ``state``
    through the workflow (never by assigning status)."""
    values = {
        "lead": "Ringkasan berita uji.",
        "body": "<p>Isi berita lama.</p>",
        "category": world.category,
        "featured_image": world.image,
        "created_by": world.penulis,
    }
    values.update(fields)
    article = factories.make_article(pd=world.pd, complete=False, **values)
    workflow.record_revision(world.penulis, article)
    if state == "draft":
        return article
    workflow.submit(world.penulis, article)
    if state == "review":
        return article
    when = timezone.now() - timezone.timedelta(hours=1)
    if state == "scheduled":
        when = timezone.now() + timezone.timedelta(days=1)
    workflow.publish(world.redaktur, article, when=when)
    if state in ("published", "scheduled"):
        return article
    workflow.unpublish(world.redaktur, article, "Sudah tidak berlaku.")
    assert article.status == Article.Status.ARCHIVED
    return article


def change_data(article, **overrides):
    """The POST body of the admin change form for ``article`` (as the browser sends it)."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "dateline": article.dateline,
        "lead": article.lead,
        "body": article.body,
        "featured_image": article.featured_image_id or "",
        "featured_image_caption": article.featured_image_caption,
        "category": article.category_id or "",
        "perangkat_daerah": article.perangkat_daerah_id,
        "tags": "",
        "seo_title": "",
        "seo_description": "",
        "loaded_version": article.version,
    }
    for prefix in ("articleauthor_set", "galleryitem_set"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def admin_url(article, suffix):
    return f"/admin/articles/article/{article.pk}/{suffix}"
