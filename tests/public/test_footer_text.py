"""The Site settings' footer text shows in the footer of every public page, escaped."""

import pytest
from django.core.cache import cache

from site_settings.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_footer_text_on_public_pages_and_escaped(client):
    cache.clear()
    site = SiteSettings.load()
    site.footer_text = "Kabupaten Kutai Timur adalah salah satu kabupaten.<script>alert(1)</script>"
    site.save()
    cache.clear()
    for url in ("/", "/berita/", "/pengumuman/", "/agenda/"):
        page = client.get(url).content.decode()
        footer = page[page.index('<footer class="site-footer"') :]
        assert "Kabupaten Kutai Timur adalah salah satu kabupaten." in footer, url
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;" in footer
    cache.clear()
