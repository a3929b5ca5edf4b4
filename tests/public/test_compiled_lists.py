"""Category, agency, tag and writer lists page through statements compiled once per
shape and process (articles.compiled_lists, issue 12). Every page must list exactly
what the ordinary queryset lists, count the same, follow the clock of each request
(scheduled and expiring articles), and a deep page (not compiled) must agree too."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import compiled_lists, pagination
from articles.models import Article
from publishing import statements
from tests.factories import make_category, make_pd
from tests.page_cache_support import jump

from .test_bounded import bulk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_statements(settings):
    settings.PUBLIC_PAGE_CACHE = False
    settings.PUBLIC_FRAGMENT_CACHE = True
    statements._loaders.clear()
    statements._templates.clear()


def slugs(client, url):
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code
    page = response.content.decode().split('<main id="konten"')[1]
    return [part.split("/")[0] for part in page.split('href="/berita/')[1:]]


def expected(queryset, number, per_page=12):
    rows = queryset.order_by("-published_at", "-pk")[(number - 1) * per_page : number * per_page]
    return [a.slug for a in rows] or 404


def test_category_and_agency_pages_list_and_count_what_the_queryset_does(
    client, publish, monkeypatch
):
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 30)  # capped after 2 pages
    monkeypatch.setattr(compiled_lists, "MAX_COMPILED_ROW", 36)  # page 4 built anew
    category, pd = make_category("Ekonomi"), make_pd("Dinas Pariwisata")
    bulk(category, pd, 50, title="Pasar Rakyat")
    other = publish(category=make_category("Olahraga"))  # never in these lists
    live = Article.objects.live()
    for url, queryset in (
        (f"/kategori/{category.slug}/", live.filter(category=category)),
        (f"/pd/{pd.slug}/", live.filter(perangkat_daerah=pd)),
    ):
        for number in (1, 2, 3, 4, 5, 6):
            found = slugs(client, f"{url}?page={number}")
            assert found == expected(queryset, number), (url, number)
            assert found == 404 or other.slug not in found
        assert "lebih dari" in client.get(url).content.decode()  # the capped count
    assert any(isinstance(v, statements._Loader) for v in statements._loaders.values())


def test_a_short_list_counts_exactly(client, publish):
    category = make_category("Kesehatan")
    for _ in range(3):
        publish(category=category)
    page = client.get(f"/kategori/{category.slug}/").content.decode()
    assert "lebih dari" not in page
    assert client.get(f"/kategori/{category.slug}/?page=2").status_code == 404


def test_compiled_lists_follow_the_clock_of_each_request(client, publish, monkeypatch):
    category = make_category("Pemerintahan")
    now_live = publish(category=category, tags=["kutai timur"], byline="Wak Hedir")
    writer = now_live.articleauthor_set.get().author
    later = publish(
        category=category,
        tags=["kutai timur"],
        when=timezone.now() + timedelta(minutes=2),
        byline=None,
    )
    later.articleauthor_set.create(author=writer, order=0)
    leaving = publish(category=category, tags=["kutai timur"], byline=None)
    leaving.articleauthor_set.create(author=writer, order=0)
    Article.objects.filter(pk=leaving.pk).update(expires_at=timezone.now() + timedelta(minutes=2))
    urls = [f"/kategori/{category.slug}/", "/tag/kutai-timur/", f"/penulis/{writer.slug}/"]
    for url in urls:
        found = slugs(client, url)
        assert now_live.slug in found and leaving.slug in found and later.slug not in found, url
    jump(monkeypatch, 3 * 60)  # nothing saved
    for url in urls:
        found = slugs(client, url)
        assert now_live.slug in found and later.slug in found and leaving.slug not in found, url


def test_a_missing_category_is_404_and_a_new_or_renamed_one_is_found_at_once(client):
    from articles.models import Category

    assert client.get("/kategori/pendidikan/").status_code == 404
    category = Category.objects.create(name="Pendidikan", slug="pendidikan")
    assert client.get("/kategori/pendidikan/").status_code == 200
    category.slug = "pendidikan-dan-kebudayaan"
    category.save()
    assert client.get("/kategori/pendidikan/").status_code == 404
    assert client.get("/kategori/pendidikan-dan-kebudayaan/").status_code == 200
