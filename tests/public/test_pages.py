"""Every public page renders, in Indonesian conventions, and shows only live articles."""

import re
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, GalleryItem
from publishing import workflow
from site_settings.models import SiteSettings
from tests.factories import add_byline, make_article, make_image, make_pd

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_home_shows_headline_latest_blocks_and_agencies(client, publish):
    headline = publish(is_featured=True, title="Bupati Resmikan Jembatan")
    other = publish(title="Vaksinasi Anak Sekolah")
    response = client.get("/")
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="id">' in page
    assert headline.title in page and other.title in page
    assert other.category.name in page  # block per category (categories show on home)
    assert other.perangkat_daerah.short_name in page
    assert '<link rel="canonical" href="http://testserver/">' in page
    assert 'name="description"' in page


def test_article_page_has_everything_readers_need(client, publish, editor):
    site = SiteSettings.load()
    site.footer_text = "Kabupaten Kutai Timur adalah salah satu kabupaten."
    site.save()
    article = publish(
        title="Diskominfo Gelar Bimtek",
        dateline="MATARAM",
        when=timezone.make_aware(timezone.datetime(2024, 9, 2, 14, 11)),
        tags=["bimtek", "kehumasan"],
    )
    author = article.authors.get()
    response = client.get(article.get_absolute_url())
    page = html(response)
    assert response.status_code == 200
    assert "Senin, 2 September 2024 14:11 WITA" in page
    assert "1970" not in page
    assert "MATARAM" in page
    assert f'href="/penulis/{author.slug}/"' in page
    assert f'href="/pd/{article.perangkat_daerah.slug}/"' in page
    assert 'href="/tag/bimtek/"' in page
    assert "Kabupaten Kutai Timur adalah salah satu kabupaten." in page
    assert article.featured_image.alt_text in page
    # share links: WhatsApp first, plain links, no third-party script
    shares = re.findall(r'class="share-(\w+)" href="([^"]+)"', page)
    assert [name for name, _ in shares] == ["whatsapp", "facebook", "x", "telegram"]
    assert shares[0][1].startswith("https://wa.me/?text=")
    assert 'id="share-url"' in page
    # the only script: the header menu's own progressive enhancement (Escape), same origin
    scripts = re.findall(r"<script[^>]*>", page)
    runnable = [tag for tag in scripts if tag != '<script type="application/ld+json">']
    assert runnable == ['<script src="/static/js/menu.js" defer>']
    # never a duplicated label
    category = article.category.name
    assert f"{category} {category}" not in page
    assert "Diperbarui" not in page and "Updated" not in page


def test_updated_time_shown_after_a_later_edit(client, publish):
    article = publish()
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() + timedelta(hours=2))
    page = html(client.get(article.get_absolute_url()))
    assert re.search(
        r'class="updated">[^<]+<time datetime="[^"]+">\w+, \d+ \w+ \d{4} \d\d:\d\d WITA', page
    )


def test_gallery_attachments_and_related(client, publish):
    article = publish(tags=["banjir"])
    image = make_image(alt_text="Perahu karet BPBD")
    GalleryItem.objects.create(article=article, image=image, caption="Perahu karet siaga")
    related = publish(tags=["banjir"])
    unrelated_draft = make_article()
    unrelated_draft.tags.add("banjir")
    page = html(client.get(article.get_absolute_url()))
    assert "Perahu karet siaga" in page and "Perahu karet BPBD" in page
    assert related.title in page  # shares a tag
    assert unrelated_draft.title not in page  # drafts never appear as related


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "archived"])
def test_non_live_articles_are_invisible_everywhere(client, publish, editor, state):
    live = publish(tags=["umum"])
    hidden = make_article(
        title="Rahasia Belum Terbit", category=live.category, perangkat_daerah=live.perangkat_daerah
    )
    hidden.tags.add("umum", "rahasia")
    author = add_byline(hidden, "Penulis Rahasia")
    add_byline(live, "Penulis Umum")
    if state != "draft":
        workflow.submit(editor, hidden)
    if state == "scheduled":
        workflow.publish(editor, hidden, when=timezone.now() + timedelta(days=1))
    if state == "archived":
        workflow.publish(editor, hidden)
        workflow.unpublish(editor, hidden, "Salah data")
    urls = [
        "/",
        f"/kategori/{live.category.slug}/",
        f"/pd/{live.perangkat_daerah.slug}/",
        "/tag/umum/",
        live.get_absolute_url(),
        "/rss/",
        "/atom/",
        f"/kategori/{live.category.slug}/rss/",
        f"/pd/{live.perangkat_daerah.slug}/atom/",
        "/sitemap-berita.xml",
        "/sitemap-news.xml",
        "/cari/?q=Rahasia",
        "/arsip/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Rahasia Belum Terbit" not in html(response), url
    assert client.get(f"/penulis/{author.slug}/").status_code == 404
    assert client.get("/tag/rahasia/").status_code == 404
    expected = 410 if state == "archived" else 404
    assert client.get(hidden.get_absolute_url()).status_code == expected


def test_archived_article_is_410_in_indonesian_template(client, publish, editor):
    article = publish()
    workflow.unpublish(editor, article, "Informasi sudah tidak berlaku.")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "News withdrawn" in html(response) or "Berita" in html(response)


def test_old_slug_answers_301_to_current_url(client, publish):
    article = publish()
    old_url = article.get_absolute_url()
    article.slug = "judul-baru"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/berita/judul-baru/"
    assert client.get("/berita/judul-baru/").status_code == 200


def test_unknown_page_is_404_with_site_template(client, db):
    response = client.get("/berita/tidak-ada/")
    assert response.status_code == 404
    assert '<html lang="id">' in html(response)


def test_lists_by_category_agency_tag_author_archive(client, publish):
    pd = make_pd()
    article = publish(perangkat_daerah=pd, tags=["pariwisata"], byline="Dewi Dinkes")
    author = article.authors.get()
    local = timezone.localtime(article.published_at)
    for url in [
        f"/kategori/{article.category.slug}/",
        f"/pd/{pd.slug}/",
        "/pd/",
        "/tag/pariwisata/",
        f"/penulis/{author.slug}/",
        f"/arsip/{local.year}/{local.month}/",
        "/arsip/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = html(response)
        assert article.title in page or url in ("/pd/", "/arsip/"), url
        assert '<link rel="canonical"' in page


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999999", "1.5", "", "%00", "1e9"])
def test_bad_page_numbers_never_500(client, publish, page):
    article = publish()
    response = client.get(f"/kategori/{article.category.slug}/", {"page": page})
    assert response.status_code in (200, 404)


def test_pagination_second_page(client, publish):
    first = publish()
    for _ in range(12):
        publish(category=first.category)
    page2 = client.get(f"/kategori/{first.category.slug}/?page=2")
    assert page2.status_code == 200
    assert first.title in html(page2)  # the oldest is on page 2
    assert '<link rel="canonical" href="http://testserver/kategori/' in html(page2)
    assert "?page=2" in html(page2)


def test_bad_archive_month_is_404(client, db):
    assert client.get("/arsip/2024/13/").status_code == 404
    assert client.get("/arsip/0/1/").status_code == 404


def test_robots_txt_points_at_sitemaps(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text


def test_detail_template_renders_for_preview_with_only_the_article(publish, db):
    """The workflow preview renders articles/detail.html with just the article."""
    article = make_article(title="Pratinjau Draf")
    add_byline(article)
    request = RequestFactory().get("/admin/preview/")
    page = render_to_string(
        "articles/detail.html", {"article": article, "is_preview": True}, request=request
    )
    assert "Pratinjau Draf" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "application/ld+json" not in page
