"""Issue 9's rules for changes to published articles, driven over HTTP as each role
would: real login, the form read from the page, posted back."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article, ArticleAuthor, GalleryItem
from authors.models import Author
from publishing import workflow
from publishing.models import Revision, Transition
from tests import factories
from tests.workflow.helpers import make_article_in

from .pages import (
    add_row,
    client_for,
    delete_row,
    live_page,
    messages_of,
    open_form,
    post_panel_form,
    rows,
    save,
)

pytestmark = pytest.mark.django_db
A, G = "articleauthor_set", "galleryitem_set"


def author(pd, name):
    return Author.objects.create(
        display_name=name, slug=name.lower().replace(" ", "-"), perangkat_daerah=pd
    )


@pytest.fixture
def live(world):
    """A live article with one byline and one gallery photo."""
    article = make_article_in(world, "published", title="Bimtek humas", lead="Teras lama.")
    ArticleAuthor.objects.create(article=article, author=author(world.pd, "Wak Hedir"), order=0)
    GalleryItem.objects.create(article=article, image=factories.make_image(world.pd), order=0)
    workflow.record_revision(world.redaktur, article)
    return Article.objects.get(pk=article.pk)


def live_state(article):
    article = Article.objects.get(pk=article.pk)
    return (
        article.lead,
        sorted(article.articleauthor_set.values_list("author__display_name", flat=True)),
        sorted(article.galleryitem_set.values_list("image_id", flat=True)),
        sorted(article.tags.names()),
    )


def test_n_saves_of_a_proposal_keep_every_relation_and_approval_publishes_the_last(world, live):
    before = live_state(live)
    writer = client_for(world.penulis)
    second_photo = factories.make_image(world.pd)
    dewi = author(world.pd, "Dewi Humas")

    html, data = open_form(writer, live)
    data["lead"] = "Teras usulan."
    data["tags"] = "kehumasan, bimtek"
    add_row(data, A, live, author=dewi.pk, order=1)
    add_row(data, G, live, image=second_photo.pk, caption="Peserta bimtek", order=1)
    assert save(writer, live, data).status_code == 302

    # The form now shows the proposal, inlines included; saved again twice unchanged.
    for _ in range(2):
        html, data = open_form(writer, live)
        assert "Teras usulan." in data["lead"]
        assert sorted(r["author"] for r in rows(data, A) if r.get("author")) == sorted(
            [str(dewi.pk), str(live.articleauthor_set.get().author_id)]
        )
        assert {r["image"] for r in rows(data, G)} >= {str(second_photo.pk)}
        assert save(writer, live, data).status_code == 302
        assert live_state(live) == before  # the public still has the live version

    # Third save removes the original byline.
    html, data = open_form(writer, live)
    delete_row(data, A, "author", live.articleauthor_set.get().author_id)
    assert save(writer, live, data).status_code == 302
    assert live_state(live) == before
    assert Revision.objects.filter(article=live, state="pending").count() == 1

    editor = client_for(world.redaktur)
    response = post_panel_form(editor, live, "approve-revision")
    assert response.status_code == 302
    lead, bylines, gallery, tags = live_state(live)
    assert lead == "Teras usulan."
    assert bylines == ["Dewi Humas"]
    assert gallery == sorted([before[2][0], second_photo.pk])
    assert tags == ["bimtek", "kehumasan"]
    assert "Teras usulan." in live_page(live).content.decode()
    entry = Transition.objects.filter(article=live).first()
    assert entry.action == "approve_revision" and entry.actor == world.redaktur


def test_editor_plain_save_edits_the_proposal_and_publishes_nothing(world, live):
    before = live_state(live)
    photo_id = before[2][0]
    writer = client_for(world.penulis)
    html, data = open_form(writer, live)
    data["lead"] = "Teras dari penulis."
    delete_row(data, G, "image", photo_id)
    assert save(writer, live, data).status_code == 302

    editor = client_for(world.redaktur)
    html, data = open_form(editor, live)
    assert "Teras dari penulis." in data["lead"]  # the editor sees the proposal
    assert all(r.get("image") != str(photo_id) for r in rows(data, G))
    data["title"] = "Bimtek humas (ralat judul)"
    assert save(editor, live, data, button="_save").status_code == 302
    assert live_state(live) == before
    assert not Transition.objects.filter(article=live, action="approve_revision").exists()
    proposal = workflow.pending_revision(live)
    assert proposal.content["lead"] == "Teras dari penulis."
    assert proposal.content["title"] == "Bimtek humas (ralat judul)"
    assert proposal.content["gallery"] == []

    html, data = open_form(editor, live)
    assert save(editor, live, data, button="_publish_proposal").status_code == 302
    article = Article.objects.get(pk=live.pk)
    assert article.title == "Bimtek humas (ralat judul)" and article.lead == "Teras dari penulis."
    assert not article.galleryitem_set.exists()
    assert Transition.objects.filter(
        article=live, action="approve_revision", actor=world.redaktur
    ).exists()


def test_penulis_cannot_publish_a_proposal_by_posting_the_editor_button(world, live):
    before = live_state(live)
    writer = client_for(world.penulis)
    html, data = open_form(writer, live)
    assert "_publish_proposal" not in html
    data["lead"] = "Teras tanpa persetujuan."
    save(writer, live, data, button="_publish_proposal")
    assert live_state(live) == before
    assert workflow.pending_revision(live).content["lead"] == "Teras tanpa persetujuan."


def test_approve_button_from_an_old_page_is_refused_after_another_approval(world, live):
    writer = client_for(world.penulis)
    html, data = open_form(writer, live)
    data["lead"] = "Usulan pertama."
    save(writer, live, data)

    editor_a = client_for(world.redaktur)
    old_page = editor_a.get(f"/admin/articles/article/{live.pk}/change/").content.decode()
    from tests.formreader import read_form

    old_approve = read_form(old_page, "approve-revision")
    first = workflow.pending_revision(live)

    editor_b = client_for(world.admin)
    html, data = open_form(editor_b, live)
    data["lead"] = "Ralat redaktur."
    save(editor_b, live, data, button="_publish_proposal")
    assert Article.objects.get(pk=live.pk).lead == "Ralat redaktur."

    url = f"/admin/articles/article/{live.pk}/revisions/{first.pk}/approve/"
    response = editor_a.post(url, old_approve, follow=True)
    message = messages_of(response).lower()
    assert world.admin.get_username() in message and "tidak ada yang dilakukan" in message
    assert Article.objects.get(pk=live.pk).lead == "Ralat redaktur."


def test_a_proposal_based_on_an_older_live_version_is_refused_with_who_and_when(world, live):
    first = workflow.save_proposal(world.penulis, live, {**_content(live), "lead": "A"})
    workflow.approve_revision(world.redaktur, live, first)
    # A proposal that was started on the version before that approval (e.g. restored
    # by a writer from an old tab) must not silently undo it.
    stale = Revision.objects.create(
        content_object=live,
        created_by=world.penulis,
        state=Revision.State.PENDING,
        based_on=None,
        content={**_content(live), "lead": "B"},
    )
    with pytest.raises(workflow.StaleEdit) as error:
        workflow.approve_revision(world.redaktur, live, stale)
    assert "Rina Redaktur" in error.value.messages[0] and "WITA" in error.value.messages[0]
    assert Article.objects.get(pk=live.pk).lead == "A"


def _content(article):
    from publishing.revisions import snapshot

    return snapshot(Article.objects.get(pk=article.pk))


def test_redaktur_sends_a_proposal_back_with_a_required_comment(world, live):
    writer = client_for(world.penulis)
    html, data = open_form(writer, live)
    data["lead"] = "Usulan yang kurang tepat."
    save(writer, live, data)

    editor = client_for(world.redaktur)
    response = post_panel_form(editor, live, "reject-revision", comment="   ")
    assert "Tuliskan alasan" in messages_of(editor.get(response["Location"]))
    assert workflow.pending_revision(live) is not None

    response = post_panel_form(
        editor, live, "reject-revision", comment="Sumber kutipan belum jelas."
    )
    assert response.status_code == 302
    assert workflow.pending_revision(live) is None
    assert Article.objects.get(pk=live.pk).lead == "Teras lama."
    home = writer.get("/admin/").content.decode()
    assert 'id="sent-back"' in home and "Sumber kutipan belum jelas." in home
    assert world.penulis.notifications.filter(action="reject_revision").exists()
    entry = Transition.objects.filter(article=live).first()
    assert entry.action == "reject_revision" and entry.comment == "Sumber kutipan belum jelas."


def test_restoring_an_old_revision_does_not_silently_replace_a_waiting_proposal(world, live):
    old = live.revisions.last()
    writer = client_for(world.penulis)
    html, data = open_form(writer, live)
    data["lead"] = "Usulan menunggu."
    save(writer, live, data)
    response = writer.post(
        f"/admin/articles/article/{live.pk}/revisions/{old.pk}/restore/", follow=True
    )
    assert "sudah ada perubahan yang menunggu" in messages_of(response).lower()
    assert workflow.pending_revision(live).content["lead"] == "Usulan menunggu."


def test_preview_and_compare_show_every_relation_of_the_proposal(world, live):
    writer = client_for(world.penulis)
    dewi = author(world.pd, "Dewi Humas")
    html, data = open_form(writer, live)
    add_row(data, A, live, author=dewi.pk, order=1)
    data["tags"] = "kehumasan"
    save(writer, live, data)
    proposal = workflow.pending_revision(live)

    editor = client_for(world.redaktur)
    preview = editor.get(f"/admin/articles/article/{live.pk}/preview/?revision={proposal.pk}")
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Dewi Humas" in text and "kehumasan" in text
    # ... and the live article was not touched by showing it.
    assert live_state(live)[1] == ["Wak Hedir"]
    assert "Dewi Humas" not in live_page(live).content.decode()

    compare = editor.get(
        f"/admin/articles/article/{live.pk}/compare/?a={live.live_revision_id}&b={proposal.pk}"
    ).content.decode()
    changed = compare.split('<tr class="changed">')
    assert any(part.startswith("<th>Penulis</th>") or "Dewi Humas" in part for part in changed[1:])
    assert "Dewi Humas" in compare and "kehumasan" in compare


def test_history_speaks_indonesian(world, live):
    editor = client_for(world.redaktur)
    html = editor.get(f"/admin/articles/article/{live.pk}/history/").content.decode()
    for code in ("draft →", "(submit)", "approve_revision", ">publish<", "authors, gallery"):
        assert code not in html
    assert "Ajukan untuk ditinjau" in html and "Terbit" in html


def test_nothing_half_applied_when_a_photo_of_the_proposal_is_gone(world, live):
    photo = factories.make_image(world.pd)
    proposal = workflow.save_proposal(
        world.penulis,
        live,
        {**_content(live), "lead": "Dengan foto baru", "featured_image_id": photo.pk},
    )
    Image = type(photo)
    Image.objects.filter(pk=photo.pk).delete()  # gone behind the library's back
    editor = client_for(world.redaktur)
    response = editor.post(
        f"/admin/articles/article/{live.pk}/revisions/{proposal.pk}/approve/", follow=True
    )
    assert response.status_code == 200
    assert "dihapus" in messages_of(response)
    assert Article.objects.get(pk=live.pk).lead == "Teras lama."
    assert workflow.pending_revision(live).pk == proposal.pk


def test_a_taken_address_is_a_clear_message_not_a_500(world, live):
    proposal = workflow.save_proposal(
        world.penulis, live, {**_content(live), "slug": "alamat-baru", "lead": "Lead baru"}
    )
    factories.make_article(pd=world.pd, slug="alamat-baru")
    editor = client_for(world.redaktur)
    response = editor.post(
        f"/admin/articles/article/{live.pk}/revisions/{proposal.pk}/approve/", follow=True
    )
    assert response.status_code == 200
    assert "alamat-baru" in messages_of(response)
    assert Article.objects.get(pk=live.pk).lead == "Teras lama."


def test_media_named_only_by_a_proposal_is_in_use(world, live):
    photo = factories.make_image(world.pd)
    workflow.save_proposal(world.penulis, live, {**_content(live), "featured_image_id": photo.pk})
    editor = client_for(world.admin)
    page = editor.get(f"/admin/media_library/image/{photo.pk}/change/").content.decode()
    assert live.title in page  # "Dipakai di"
    response = editor.post(f"/admin/media_library/image/{photo.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert type(photo).objects.filter(pk=photo.pk).exists()


def test_only_one_revision_record_per_save_and_no_live_change(world, live):
    count = live.revisions.count()
    writer = client_for(world.penulis)
    html, data = open_form(writer, live)
    data["lead"] = "Satu simpan."
    save(writer, live, data)
    assert live.revisions.count() == count + 1
    assert User.objects.filter(pk=world.penulis.pk).exists()
