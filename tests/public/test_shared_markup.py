"""The site's menu and footer are rendered once per content generation in each process
({% shared_markup %}, issue 12). Whatever changes them must show on the next request of
every page, and what belongs to one request (the search box's query) must not leak
into the next."""

import pytest
from django.test import Client

from site_settings.models import MenuItem, SiteSettings
from tests.factories import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(publish, settings):
    settings.PUBLIC_PAGE_CACHE = False
    settings.PUBLIC_FRAGMENT_CACHE = True
    article = publish(title="Banjir surut")
    return [
        "/",
        article.get_absolute_url(),
        f"/kategori/{article.category.slug}/",
        "/cari/?q=banjir",
    ]


def every(client, urls, text):
    return all(text in client.get(url).content.decode() for url in urls)


def none(client, urls, text):
    return not any(text in client.get(url).content.decode() for url in urls)


def test_site_settings_menu_and_categories_show_at_once_on_every_page(pages):
    client = Client()
    assert none(client, pages, "0549-21234")
    site = SiteSettings.load()
    site.phone = "0549-21234"
    site.footer_text = "Kantor buka Senin sampai Jumat."
    site.save()
    assert every(client, pages, "0549-21234") and every(client, pages, "Senin sampai Jumat")

    item = MenuItem.objects.create(title="Profil Dinas", url="/halaman/profil/", in_header=True)
    assert every(client, pages, "Profil Dinas")
    item.title = "Profil Diskominfo"
    item.save()
    assert every(client, pages, "Profil Diskominfo") and none(client, pages, "Profil Dinas")
    item.delete()
    assert none(client, pages, "Profil Diskominfo")

    category = make_category("Pariwisata Kutim")
    category.show_on_home = True
    category.save()  # the default menu lists the home page's categories
    assert every(client, pages, "Pariwisata Kutim")


def test_the_search_box_shows_each_request_its_own_query(pages):
    client = Client()
    first = client.get("/cari/?q=banjir").content.decode()
    second = client.get("/cari/?q=jalan+rusak").content.decode()
    assert 'value="banjir"' in first
    assert 'value="jalan rusak"' in second and 'value="banjir"' not in second
    assert 'value="banjir"' not in client.get("/").content.decode()
