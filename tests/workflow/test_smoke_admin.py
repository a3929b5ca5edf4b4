from articles.models import Article, Revision

from .helpers import change_data, change_url, make_article_in


def test_penulis_saves_draft_and_it_keeps_a_revision(world, client):
    article = make_article_in(world, "draft")
    client.force_login(world.penulis)
    response = client.post(change_url(article), change_data(article, title="Judul baru"))
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == "Judul baru"
    assert article.revisions.count() == 2
    assert Revision.objects.filter(article=article).first().content["title"] == "Judul baru"
    assert article.status == Article.Status.DRAFT
