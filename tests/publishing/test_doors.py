"""Every door around approval goes through the one place: library admin views, media
edits, a writer's save of relations they cannot see, share links after restore."""

import pytest
from django.test import Client

from articles.models import Article, GalleryItem
from publishing import sharelinks, workflow
from publishing.models import ShareLink
from tests import factories
from tests.formreader import read_form
from tests.workflow.helpers import make_article_in

from .pages import client_for, open_form, rows, save

pytestmark = pytest.mark.django_db


def test_penulis_cannot_reach_the_tag_admin_or_its_merge_action(world):
    article = make_article_in(world, "published")
    article.tags.add("pemkab", "kutai timur")
    writer = client_for(world.penulis)
    assert writer.get("/admin/taggit/tag/").status_code == 403
    tags = list(article.tags.values_list("pk", flat=True))
    response = writer.post(
        "/admin/taggit/tag/", {"action": "render_tag_form", "_selected_action": tags}
    )
    assert response.status_code == 403
    merge = writer.get("/admin/taggit/tag/merge-tags/", follow=True)
    assert merge.status_code in (403, 404) and "new_tag_name" not in merge.content.decode()
    assert sorted(Article.objects.get(pk=article.pk).tags.names()) == ["kutai timur", "pemkab"]


def test_editors_have_no_merge_action_and_cannot_delete_a_tag_in_use(world):
    article = make_article_in(world, "published")
    article.tags.add("pemkab")
    tag = article.tags.get()
    editor = client_for(world.redaktur)
    page = editor.get("/admin/taggit/tag/")
    assert page.status_code == 200 and "render_tag_form" not in page.content.decode()
    merge = editor.get("/admin/taggit/tag/merge-tags/", follow=True)
    assert merge.status_code in (200, 404) and "new_tag_name" not in merge.content.decode()
    assert editor.post("/admin/taggit/tag/", {"action": "render_tag_form"}).status_code != 500
    assert editor.post(f"/admin/taggit/tag/{tag.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Article.objects.get(pk=article.pk).tags.filter(pk=tag.pk).exists()


def test_penulis_cannot_edit_media_that_published_content_shows(world):
    article = make_article_in(world, "published")
    image = article.featured_image
    writer = client_for(world.penulis)
    page = writer.get(f"/admin/media_library/image/{image.pk}/change/")
    assert page.status_code == 200
    assert 'name="alt_text"' not in page.content.decode()  # read-only view
    response = writer.post(
        f"/admin/media_library/image/{image.pk}/change/",
        {"title": "Diganti", "alt_text": "Teks baru", "perangkat_daerah": world.pd.pk},
    )
    assert response.status_code == 403
    image.refresh_from_db()
    assert image.alt_text == "Foto uji"


def test_penulis_can_still_edit_own_media_not_used_by_published_content(world):
    image = factories.make_image(world.pd)
    writer = client_for(world.penulis)
    page = writer.get(f"/admin/media_library/image/{image.pk}/change/")
    data = read_form(page.content, "image_form")
    data["alt_text"] = "Peserta bimtek di aula"
    assert writer.post(f"/admin/media_library/image/{image.pk}/change/", data).status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "Peserta bimtek di aula"


def test_a_writers_save_keeps_another_agencys_media_on_the_article(world):
    foreign_photo = factories.make_image(world.other_pd)
    foreign_gallery = factories.make_image(world.other_pd)
    foreign_doc = _document(world.other_pd)
    article = make_article_in(world, "draft", featured_image=foreign_photo)
    article.attachments.add(foreign_doc)
    GalleryItem.objects.create(article=article, image=foreign_gallery, order=0)

    writer = client_for(world.penulis)
    html, data = open_form(writer, article)
    assert "featured_image" not in data  # shown read-only, not posted
    data["title"] = "Judul baru dari penulis"
    response = save(writer, article, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == "Judul baru dari penulis"
    assert article.featured_image_id == foreign_photo.pk
    assert list(article.attachments.all()) == [foreign_doc]
    assert list(article.galleryitem_set.values_list("image_id", flat=True)) == [foreign_gallery.pk]

    # A crafted POST cannot swap the foreign photo, nor remove the foreign gallery row.
    html, data = open_form(writer, article)
    data["featured_image"] = str(factories.make_image(world.pd).pk)
    for index in range(len(rows(data, "galleryitem_set"))):
        data[f"galleryitem_set-{index}-DELETE"] = "on"
    response = save(writer, article, data)
    article.refresh_from_db()
    assert article.featured_image_id == foreign_photo.pk
    assert article.galleryitem_set.filter(image=foreign_gallery).exists()


def _document(pd):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media_library import pipeline

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return pipeline.ingest_document(
        SimpleUploadedFile("lkjip.pdf", pdf, "application/pdf"), title="LKjIP", perangkat_daerah=pd
    )


def test_a_share_link_that_ended_with_unpublishing_stays_ended(world):
    article = make_article_in(world, "draft")
    link = sharelinks.create(world.redaktur, article)
    url = sharelinks.url_for(link)
    assert Client().get(url).status_code == 200
    workflow.publish(world.redaktur, article)
    workflow.unpublish(world.redaktur, article, "Ditarik sementara.")
    assert Client().get(url).status_code == 404
    workflow.restore(world.redaktur, article)
    assert Client().get(url).status_code == 404
    assert ShareLink.objects.get(pk=link.pk).revoked_at is not None


def test_a_tag_that_published_articles_carry_cannot_be_renamed(world):
    article = make_article_in(world, "published")
    article.tags.add("bimtek")
    tag = article.tags.get()
    editor = client_for(world.redaktur)
    page = editor.get(f"/admin/taggit/tag/{tag.pk}/change/").content.decode()
    assert 'name="name"' not in page
    response = editor.post(
        f"/admin/taggit/tag/{tag.pk}/change/", {"name": "bimtek-baru", "slug": "bimtek-baru"}
    )
    assert response.status_code == 403
    assert Client().get("/tag/bimtek/").status_code == 200
