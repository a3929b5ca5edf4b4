"""Revisions, pending changes to live articles, history/compare/restore, stale saves."""

from articles.models import Article
from publishing import workflow
from publishing.models import Revision, Transition
from tests import factories

from .helpers import admin_url, change_data, change_url, make_article_in


def public_html(client, article):
    return client.get(article.get_absolute_url())


def test_every_save_keeps_a_revision_with_all_content_fields(world, client):
    article = make_article_in(world, "draft")
    article.tags.add("bimtek")
    client.force_login(world.penulis)
    data = change_data(article, title="Judul kedua", tags="bimtek, humas")
    data.update(
        {
            "galleryitem_set-TOTAL_FORMS": "1",
            "galleryitem_set-0-image": world.image.pk,
            "galleryitem_set-0-caption": "Suasana kegiatan",
            "galleryitem_set-0-order": "0",
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    rev = article.revisions.first()
    assert rev.created_by == world.penulis and rev.state == Revision.State.SAVED
    assert rev.content["title"] == "Judul kedua"
    assert rev.content["tags"] == ["bimtek", "humas"]
    assert [(g["image_id"], g["caption"], g["order"]) for g in rev.content["gallery"]] == [
        (world.image.pk, "Suasana kegiatan", 0)
    ]
    assert rev.content["featured_image_id"] == world.image.pk
    assert set(rev.content) >= {"lead", "body", "category_id", "perangkat_daerah_id", "authors"}


def test_penulis_edit_of_live_article_waits_for_approval(world, client):
    article = make_article_in(world, "published", title="Judul lama")
    client.force_login(world.penulis)
    response = client.post(
        change_url(article), change_data(article, title="Judul baru", body="<p>Isi baru.</p>")
    )
    assert response.status_code == 302
    # The public still sees the live version.
    page = public_html(client, article).content.decode()
    assert "Judul lama" in page and "Judul baru" not in page
    # Reopening the form shows the pending change, so a second edit builds on it.
    form = client.get(change_url(article)).content.decode()
    assert 'value="Judul baru"' in form and "goes-pending" in form

    client.force_login(world.redaktur)
    pending = workflow.pending_revision(article)
    preview = client.get(admin_url(article, f"preview/?revision={pending.pk}")).content.decode()
    assert "Judul baru" in preview
    response = client.post(admin_url(article, f"revisions/{pending.pk}/approve/"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul baru" and article.is_live
    assert "Isi baru." in public_html(client, article).content.decode()
    log = article.transitions.first()
    assert (log.action, log.actor, log.to_status) == (
        "approve_revision",
        world.redaktur,
        "published",
    )
    pending.refresh_from_db()
    assert pending.state == Revision.State.APPROVED


def test_penulis_cannot_approve_their_own_pending_change(world, client):
    article = make_article_in(world, "published", title="Judul lama")
    client.force_login(world.penulis)
    client.post(change_url(article), change_data(article, title="Judul baru"))
    pending = workflow.pending_revision(article)
    response = client.post(admin_url(article, f"revisions/{pending.pk}/approve/"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Judul lama"


def test_redaktur_plain_save_of_live_article_is_a_proposal(world, client):
    article = make_article_in(world, "published", title="Judul lama")
    client.force_login(world.redaktur)
    response = client.post(change_url(article), change_data(article, title="Ralat judul"))
    assert response.status_code == 302
    assert "Ralat judul" not in public_html(client, article).content.decode()
    assert workflow.pending_revision(article).content["title"] == "Ralat judul"


def test_redaktur_save_and_publish_goes_live_as_a_logged_approval(world, client):
    article = make_article_in(world, "published", title="Judul lama")
    client.force_login(world.redaktur)
    data = change_data(article, title="Ralat judul", _publish_proposal="1")
    assert client.post(change_url(article), data).status_code == 302
    assert "Ralat judul" in public_html(client, article).content.decode()
    log = article.transitions.first()
    assert log.action == "approve_revision" and log.actor == world.redaktur


def test_history_compare_and_restore(world, client):
    article = make_article_in(world, "draft", title="Versi satu", lead="Ringkasan satu.")
    client.force_login(world.penulis)
    client.post(change_url(article), change_data(article, title="Versi dua", lead="Ringkasan dua."))
    first, second = article.revisions.order_by("created_at", "pk")

    history = client.get(admin_url(article, "history/")).content.decode()
    assert "Putra Penulis" in history  # who
    assert "WITA" in history  # when, in the site time zone
    assert f'value="{first.pk}"' in history and f'value="{second.pk}"' in history
    assert "judul, ringkasan" in history  # what changed, in Indonesian

    diff = client.get(admin_url(article, f"compare/?a={first.pk}&b={second.pk}"))
    html = diff.content.decode()
    assert diff.status_code == 200
    assert '<del class="diff-del">satu' in html and '<ins class="diff-ins">dua' in html

    response = client.post(admin_url(article, f"revisions/{first.pk}/restore/"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Versi satu"
    newest = article.revisions.first()
    assert newest.pk not in (first.pk, second.pk) and f"#{first.pk}" in newest.note
    assert article.transitions.first().action == "restore_revision"


def test_compare_with_bad_ids_is_404_not_500(world, client):
    article = make_article_in(world, "draft")
    client.force_login(world.redaktur)
    assert client.get(admin_url(article, "compare/?a=x&b=1")).status_code == 404
    assert client.get(admin_url(article, "compare/?a=999999&b=1")).status_code == 404
    other = make_article_in(world, "draft")
    rev = other.revisions.first()
    assert client.get(admin_url(article, f"compare/?a={rev.pk}&b={rev.pk}")).status_code == 404


def test_stale_save_is_refused_and_text_kept(world, client, django_user_model):
    from django.test import Client

    article = make_article_in(world, "draft", title="Judul awal")
    first, second = Client(), Client()
    first.force_login(world.penulis)
    second.force_login(world.redaktur)
    data_first = change_data(article, title="Perubahan Putra")
    data_second = change_data(article, title="Perubahan Rina", lead="Teks Rina yang panjang.")

    assert first.post(change_url(article), data_first).status_code == 302
    response = second.post(change_url(article), data_second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Putra Penulis" in html and "WITA" in html  # who saved, and when
    assert 'value="Perubahan Rina"' in html and "Teks Rina yang panjang." in html
    article.refresh_from_db()
    assert article.title == "Perubahan Putra"
    assert not article.revisions.filter(content__title="Perubahan Rina").exists()


def test_save_without_version_is_refused(world, client):
    article = make_article_in(world, "draft")
    client.force_login(world.penulis)
    data = change_data(article, title="Tanpa versi")
    data.pop("loaded_version")
    assert client.post(change_url(article), data).status_code == 200
    article.refresh_from_db()
    assert article.title != "Tanpa versi"


def test_transition_after_loading_makes_the_form_stale(world, client):
    article = make_article_in(world, "draft")
    data = change_data(article, title="Telat")
    workflow.submit(world.redaktur, article)
    client.force_login(world.penulis)
    response = client.post(change_url(article), data)
    assert response.status_code == 200 and "Rina Redaktur" in response.content.decode()


def test_penulis_cannot_move_article_or_use_other_pd_media(world, client):
    article = make_article_in(world, "draft")
    other_image = factories.make_image(world.other_pd)
    client.force_login(world.penulis)
    for crafted in ({"perangkat_daerah": world.other_pd.pk}, {"featured_image": other_image.pk}):
        response = client.post(change_url(article), change_data(article, title="X", **crafted))
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.perangkat_daerah == world.pd and article.featured_image == world.image
    # nor in the autocomplete
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "featured_image",
            "term": "",
        },
    )
    ids = {int(r["id"]) for r in response.json()["results"]}
    assert world.image.pk in ids and other_image.pk not in ids


def test_penulis_lists_only_their_pd(world, client):
    own = make_article_in(world, "draft", title="Berita dinas sendiri")
    other = factories.make_article(pd=world.other_pd, title="Berita dinas lain")
    client.force_login(world.penulis)
    html = client.get("/admin/articles/article/").content.decode()
    assert own.title in html and other.title not in html
    html = client.get("/admin/articles/article/", {"q": "Berita"}).content.decode()
    assert other.title not in html
    assert client.get(admin_url(other, "workflow/")).status_code == 404
    assert client.get(
        f"/admin/media_library/image/{other.featured_image_id}/change/"
    ).status_code in (
        302,
        404,
    )


def test_restore_revision_of_live_article_by_penulis_becomes_pending(world, client):
    article = make_article_in(world, "published", title="Judul tayang")
    old = article.revisions.first()
    client.force_login(world.redaktur)
    data = change_data(article, title="Judul ralat", _publish_proposal="1")
    client.post(change_url(article), data)
    client.force_login(world.penulis)
    assert client.post(admin_url(article, f"revisions/{old.pk}/restore/")).status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul ralat"
    assert workflow.pending_revision(article).content["title"] == "Judul tayang"
    assert Transition.objects.filter(article=article, action="restore_revision").exists()
    assert Article.objects.live().filter(pk=article.pk).exists()


def test_pending_edit_with_bylines_leaves_live_bylines_alone(world, client):
    article = make_article_in(world, "published", title="Judul tayang")
    byline = factories.add_byline(article, "Wak Hedir")
    item = article.articleauthor_set.get()
    other_author = factories.add_byline(make_article_in(world, "draft"), "Dewi Dinkes")
    client.force_login(world.penulis)
    data = change_data(article, title="Judul usulan")
    data.update(
        {
            "articleauthor_set-TOTAL_FORMS": "1",
            "articleauthor_set-INITIAL_FORMS": "1",
            "articleauthor_set-0-id": item.pk,
            "articleauthor_set-0-article": article.pk,
            "articleauthor_set-0-author": other_author.pk,
            "articleauthor_set-0-order": "0",
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul tayang"
    assert list(article.authors.all()) == [byline]  # live byline untouched
    pending = workflow.pending_revision(article)
    assert [(a["author_id"], a["order"]) for a in pending.content["authors"]] == [
        (other_author.pk, 0)
    ]
    workflow.approve_revision(world.redaktur, article, pending)
    assert list(article.authors.all()) == [other_author]
    assert article.title == "Judul usulan"
