"""Feeds (feedparser), sitemaps (lxml) and page metadata (JSON-LD, Open Graph) parsed for real."""

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from site_settings.models import SiteSettings
from tests.factories import make_image

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.mark.parametrize("path,version", [("/rss/", "rss20"), ("/atom/", "atom10")])
def test_site_feeds_parse(client, publish, path, version):
    article = publish(byline="Wak Hedir")
    response = client.get(path)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    [entry] = feed.entries
    assert entry.title == article.title
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.published_parsed[:5] == article.published_at.utctimetuple()[:5]
    assert entry.author == "Wak Hedir"
    assert article.lead in entry.summary


def test_category_and_agency_feeds_only_their_articles(client, publish):
    a, b = publish(), publish()
    assert a.category != b.category and a.perangkat_daerah != b.perangkat_daerah
    for path in (
        f"/kategori/{a.category.slug}/rss/",
        f"/kategori/{a.category.slug}/atom/",
        f"/pd/{a.perangkat_daerah.slug}/rss/",
        f"/pd/{a.perangkat_daerah.slug}/atom/",
    ):
        feed = feedparser.parse(client.get(path).content)
        assert not feed.bozo
        assert [e.title for e in feed.entries] == [a.title], path
    assert client.get("/kategori/tidak-ada/rss/").status_code == 404


def test_sitemap_index_and_sections(client, publish):
    article = publish()
    index = etree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.iter(f"{SM}loc")]
    assert "http://testserver/sitemap-berita.xml" in locations
    urlset = etree.fromstring(client.get("/sitemap-berita.xml").content)
    urls = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in urlset.iter(f"{SM}url")}
    assert urls.keys() == {f"http://testserver{article.get_absolute_url()}"}
    assert all(urls.values())
    for section in ("home", "kategori", "pd"):
        assert client.get(f"/sitemap-{section}.xml").status_code == 200


def test_google_news_sitemap_has_last_two_days_only(client, publish):
    fresh = publish()
    old = publish(when=timezone.now() - timedelta(days=3))
    root = etree.fromstring(client.get("/sitemap-news.xml").content)
    entries = list(root.iter(f"{SM}url"))
    assert [u.findtext(f"{SM}loc") for u in entries] == [
        f"http://testserver{fresh.get_absolute_url()}"
    ]
    news = entries[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}title") == fresh.title
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "id"
    assert old.title not in client.get("/sitemap-news.xml").content.decode()


def test_article_metadata_open_graph_twitter_jsonld(client, publish):
    site = SiteSettings.load()
    site.office_name = "Dinas Komunikasi dan Informatika Kutai Timur"
    site.logo = make_image(alt_text="Logo")
    site.save()
    article = publish(byline="Wak Hedir")
    tree = lxml_html.fromstring(client.get(article.get_absolute_url()).content)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.iter("meta")}
    url = f"http://testserver{article.get_absolute_url()}"
    assert tree.get("lang") == "id"
    assert tree.find(".//link[@rel='canonical']").get("href") == url
    assert meta["description"] == article.lead
    assert meta["og:url"] == url and meta["og:type"] == "article"
    assert meta["og:image"].startswith("http://testserver/")
    assert meta["og:image:width"] and meta["og:image:height"]
    assert meta["twitter:card"] == "summary_large_image"
    blocks = [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]
    by_type = {b["@type"]: b for b in blocks}
    news = by_type["NewsArticle"]
    assert news["headline"] == article.title
    assert news["datePublished"] == article.published_at.isoformat()
    assert news["dateModified"]
    assert news["author"][0]["name"] == "Wak Hedir"
    assert news["image"][0]["url"] == meta["og:image"]
    assert news["publisher"]["name"] == "Dinas Komunikasi dan Informatika Kutai Timur"
    assert news["publisher"]["logo"]["url"].startswith("http://testserver/")
    crumbs = by_type["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[-1]["item"] == url


def test_og_image_is_the_1200x630_rendition_when_available(client, publish):
    from media_library import pipeline
    from tests.factories import jpeg_bytes, upload

    image = pipeline.ingest_image(upload(data=jpeg_bytes(2400, 1600)), alt_text="Foto besar")
    article = publish(featured_image=image)
    page = client.get(article.get_absolute_url()).content.decode()
    if image.og_image:
        assert '<meta property="og:image:width" content="1200">' in page
        assert '<meta property="og:image:height" content="630">' in page


def test_every_page_has_title_description_canonical(client, publish):
    article = publish(tags=["umum"])
    for url in ["/", "/cari/?q=umum", "/tag/umum/", "/pd/", "/arsip/", article.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert re.search(r"<title>[^<]{5,}</title>", page), url
        assert re.search(r'<meta name="description" content="[^"]{10,}">', page), url
        assert '<link rel="canonical" href="http://testserver/' in page, url
