"""The 3-level limit (and the other rules of a page's place) also holds when a page's
place changes without its form: restoring an old revision from Riwayat, or approving a
proposal whose parent has since moved deeper. Both are refused with the same Indonesian
message as the form, and nothing changes."""

import pytest
from django.contrib.messages import get_messages

from pages.models import Page
from publishing import workflow
from publishing.models import Revision
from tests.formreader import read_form
from tests.portal_pages.helpers import make_page

from .test_admin_workflow import client_for

pytestmark = pytest.mark.django_db

LIMIT = "Halaman paling banyak bertingkat 3."


def messages_after(client, response):
    assert response.status_code == 302
    page = client.get(response["Location"])
    return " ".join(str(m) for m in get_messages(page.wsgi_request))


def move(world, page, parent):
    """Someone moves a page (recorded as a save, as the form does)."""
    page.parent = parent
    page.save()
    workflow.record_revision(world.redaktur, page)


@pytest.mark.parametrize("state", ["draft", "published"])
def test_restoring_a_revision_under_a_page_now_at_level_3_is_refused(world, state):
    top = make_page(world, "tentang")
    second = make_page(world, "bidang", parent=top)
    holder = make_page(world, "unit")
    page = make_page(world, "seksi", state=state, parent=holder)
    old = page.revisions.first()
    assert old.content["parent_id"] == holder.pk
    if state == "draft":
        move(world, page, None)
    else:
        Page.objects.filter(pk=page.pk).update(parent=None)  # live rows as approved later
    move(world, holder, second)  # "unit" is now level 3: "seksi" under it would be level 4

    redaktur = client_for(world.redaktur)
    response = redaktur.post(f"/admin/pages/page/{page.pk}/revisions/{old.pk}/restore/")
    text = messages_after(redaktur, response)
    assert "Versi ini tidak dapat diterapkan" in text and LIMIT in text
    page.refresh_from_db()
    assert page.parent_id is None
    assert not page.revisions.filter(state=Revision.State.PENDING).exists()

    # The same restore is accepted once the place is free again.
    move(world, holder, None)
    response = redaktur.post(f"/admin/pages/page/{page.pk}/revisions/{old.pk}/restore/")
    assert "dipulihkan" in messages_after(redaktur, response).lower()


def test_approving_a_proposal_whose_new_parent_moved_deeper_is_refused(world):
    top = make_page(world, "tentang")
    second = make_page(world, "bidang", parent=top)
    target = make_page(world, "unit")
    page = make_page(world, "seksi")  # published, top level
    redaktur = client_for(world.redaktur)
    change = f"/admin/pages/page/{page.pk}/change/"
    data = read_form(redaktur.get(change).content, "page_form")
    data.update(parent=str(target.pk), title="Seksi Ñandú", _continue="1")
    assert redaktur.post(change, data).status_code == 302
    proposal = page.revisions.get(state=Revision.State.PENDING)
    assert proposal.content["parent_id"] == target.pk

    move(world, target, second)  # the proposal would now make "seksi" level 4
    response = redaktur.post(
        f"/admin/pages/page/{page.pk}/revisions/{proposal.pk}/approve/",
        {"version": str(Page.objects.get(pk=page.pk).version)},
    )
    text = messages_after(redaktur, response)
    assert LIMIT in text
    page.refresh_from_db()
    assert page.parent_id is None and page.title == "Seksi"
    proposal.refresh_from_db()
    assert proposal.state == Revision.State.PENDING

    # The writer can still open the proposal to fix it: the form shows the same rule.
    form_page = redaktur.get(change)
    assert form_page.status_code == 200
    data = read_form(form_page.content, "page_form")
    assert data["parent"] == str(target.pk)
    data["_continue"] = "1"
    assert LIMIT in redaktur.post(change, data).content.decode()
