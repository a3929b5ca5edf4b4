import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from PIL import Image as PILImage

from articles.management.commands.seed_demo import SAMPLE_SLUG
from articles.models import Article
from perangkat_daerah.models import PerangkatDaerah
from site_settings.models import MenuItem, SiteSettings

pytestmark = pytest.mark.django_db


def test_refuses_without_debug():
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())


@override_settings(DEBUG=True)
def test_seed_demo_is_complete_and_idempotent():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    counts = (Article.objects.count(), PerangkatDaerah.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Article.objects.count(), PerangkatDaerah.objects.count()) == counts
    assert counts[0] >= 50 and counts[1] >= 10
    assert PerangkatDaerah.objects.first().short_name == "Diskominfo Perstik"
    assert "redaktur" in out.getvalue() and "demo" in out.getvalue()

    states = set(Article.objects.values_list("status", flat=True))
    assert states == {"draft", "review", "published", "archived"}
    assert (
        Article.objects.filter(status="published").exclude(pk__in=Article.objects.live()).exists()
    ), "some articles are scheduled"

    sample = Article.objects.get(slug=SAMPLE_SLUG)
    assert sample.is_live
    assert [a.display_name for a in sample.authors.all()] == ["Wak Hedir"]
    assert "Penulis :" not in sample.body and "WhatsApp Image" not in sample.body
    assert sample.published_at.year == 2024
    photo = PILImage.open(sample.featured_image.file)
    assert photo.size == (4000, 3000)
    assert not photo.getexif(), "GPS and camera data must be stripped"
    assert sample.featured_image.alt_text

    # a realistic portal menu (issue 10): the portal's sections, once each after two seeds
    header = MenuItem.objects.filter(parent=None, in_header=True)
    urls = list(header.values_list("url", flat=True))
    for url in ("/agenda/", "/galeri/", "/ppid/", "/pengumuman/"):
        assert urls.count(url) == 1, (url, urls)
    assert MenuItem.objects.get(url="/ppid/").in_footer

    assert "Kutai Timur" in SiteSettings.load().footer_text
    for username in ("admin", "redaktur", "penulis", "penulis2"):
        assert authenticate(username=username, password="demo") is not None
