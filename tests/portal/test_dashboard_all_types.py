"""The admin home's editorial dashboard lists every registered publishing type: the
Redaktur's review queue, the Penulis's "needs changes" and own drafts, each linking to
the item's admin change page, in a query count that grows by one per type at most."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from galleries.models import Video
from publishing import registry, workflow
from tests.portal_pages.helpers import grant_content_permissions, make_announcement, make_page

from .test_agenda import make_event
from .test_galleries import make_album
from .test_ppid import make_entry

pytestmark = pytest.mark.django_db


def one_of_each(world, state):
    grant_content_permissions()
    n = state
    items = [
        make_announcement(world, "draft", title=f"Pengumuman {n}"),
        make_page(world, f"halaman-{n}", "draft", pd=world.pd, created_by=world.penulis,
                  title=f"Halaman {n}"),
        make_event(world, title=f"Acara {n}", slug=f"acara-{n}", created_by=world.penulis),
        make_album(world, n=1, title=f"Album {n}", slug=f"album-{n}", created_by=world.penulis),
        Video.objects.create(title=f"Video {n}", slug=f"video-{n}", created_by=world.penulis,
                             youtube_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                             perangkat_daerah=world.pd),
        make_entry(world, title=f"Informasi {n}", created_by=world.penulis),
    ]  # fmt: skip
    for item in items:
        workflow.record_revision(world.penulis, item)
        if state != "draft":
            workflow.submit(world.penulis, item)
    return items


def section(html, start, end=None):
    html = html[html.index(f'id="{start}"') :]
    return html[: html.index(f'id="{end}"')] if end else html


def admin_url(item):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def test_review_queue_lists_every_type_with_change_links(world, as_user):
    items = one_of_each(world, "review")
    html = as_user(world.redaktur).get("/admin/").content.decode()
    queue = section(html, "review-queue", "pending-changes")
    assert f"({len(items)})" in queue
    for item in items:
        assert item.title in queue, item
        assert f'href="{admin_url(item)}"' in queue
        assert str(item._meta.verbose_name).capitalize() in queue


def test_page_sent_back_shows_in_needs_changes_and_drafts_cover_every_type(world, as_user):
    drafts = one_of_each(world, "draft")
    page = make_page(world, "profil-dinas", "draft", pd=world.pd, created_by=world.penulis,
                     title="Profil Dinas")  # fmt: skip
    workflow.record_revision(world.penulis, page)
    workflow.submit(world.penulis, page)
    workflow.request_changes(world.redaktur, page, "Tambahkan alamat kantor.")
    html = as_user(world.penulis).get("/admin/").content.decode()
    needs = section(html, "needs-fixing", "sent-back")
    assert "(1)" in needs and page.title in needs and "Tambahkan alamat kantor." in needs
    assert f'href="{admin_url(page)}"' in needs
    mine = section(html, "my-drafts", "review-queue")
    assert f"({len(drafts)})" in mine
    for item in drafts:
        assert f'href="{admin_url(item)}"' in mine, item
    # Another agency's writer sees none of it.
    other = as_user(world.penulis_other).get("/admin/").content.decode()
    assert page.title not in other and drafts[0].title not in other


def test_dashboard_queries_grow_by_at_most_one_per_type(world, as_user):
    client = as_user(world.redaktur)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    one_of_each(world, "review")
    one_of_each(world, "rev2")
    client.get("/admin/")  # caches (content types, site settings) warm again
    with CaptureQueriesContext(connection) as many:
        assert client.get("/admin/").status_code == 200
    extra = sorted(set(q["sql"][:90] for q in many) - set(q["sql"][:90] for q in few))
    assert len(many) == len(few), extra
    dashboard = [q for q in many if "publishing_transition" in q["sql"]]
    assert len(dashboard) <= len(registry.registered_models())
