"""Renditions are generated once at upload, stored, and rendered without queries."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from media_library import pipeline
from media_library.models import Image
from tests.factories import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def photo(width, height):
    return pipeline.ingest_image(upload(data=jpeg_bytes(width, height)), alt_text="Peserta bimtek")


def render(source, **context):
    return Template("{% load media_tags %}" + source).render(Context(context))


def test_renditions_at_every_width_in_webp_and_jpeg_plus_og_crop():
    image = photo(2400, 1600)
    assert set(image.renditions) == {
        *(f"{fmt}-{w}" for fmt in ("webp", "jpeg") for w in (320, 640, 960, 1280, 1920)),
        "og",
    }
    for spec, info in image.renditions.items():
        assert default_storage.exists(info["name"]), spec
        assert default_storage.size(info["name"]) == info["bytes"]
    assert image.renditions["webp-640"]["width"] == 640
    assert image.renditions["webp-640"]["height"] == 427
    assert image.og_image["width"] == 1200 and image.og_image["height"] == 630
    with default_storage.open(image.renditions["webp-960"]["name"]) as fh:
        assert fh.read(12)[8:12] == b"WEBP"
    with default_storage.open(image.renditions["og"]["name"]) as fh:
        assert fh.read(3) == b"\xff\xd8\xff"


def test_never_upscaled():
    image = photo(800, 600)
    widths = sorted(info["width"] for spec, info in image.renditions.items() if spec != "og")
    assert widths == [320, 320, 640, 640, 800, 800]
    assert image.og_image["width"] <= 800 and image.og_image["height"] <= 600
    tiny = photo(1, 1)
    assert {info["width"] for info in tiny.renditions.values()} == {1}


def test_picture_tag_renders_srcset_without_queries():
    image = Image.objects.get(pk=photo(2000, 1000).pk)
    with CaptureQueriesContext(connection) as queries:
        html = render(
            '{% picture image sizes="(min-width: 960px) 960px, 100vw" css_class="hero" %}',
            image=image,
        )
    assert len(queries) == 0
    assert html.startswith("<picture>") and html.endswith("</picture>")
    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', html)
    assert source, html
    assert source.group(2) == "(min-width: 960px) 960px, 100vw"
    assert [c.split()[1] for c in source.group(1).split(", ")] == [
        "320w",
        "640w",
        "960w",
        "1280w",
        "1920w",
    ]
    assert ".webp 640w" in source.group(1)
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'alt="Peserta bimtek"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert 'width="1920" height="960"' in img
    assert 'class="hero"' in img
    assert ".jpg 320w" in img and "fetchpriority" not in img


def test_picture_tag_eager_alt_override_and_decorative():
    image = photo(640, 480)
    html = render('{% picture image eager=True alt="Lain" %}', image=image)
    assert 'loading="eager" fetchpriority="high"' in html and 'alt="Lain"' in html
    image.is_decorative = True
    assert 'alt=""' in render("{% picture image %}", image=image)


def test_picture_tag_escapes_alt_text():
    image = photo(320, 240)
    image.alt_text = '"><script>alert(1)</script>'
    html = render("{% picture image %}", image=image)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_none_renders_nothing():
    assert render("{% picture image %}|{% og_image_url image %}", image=None) == "|"


def test_og_image_url():
    image = photo(3000, 2000)
    url = render("{% og_image_url image %}", image=image)
    assert url == default_storage.url(image.renditions["og"]["name"])
    assert url.startswith("/media/renditions/") and url.endswith("/og.jpg")


def test_generate_renditions_command_is_idempotent():
    image = photo(1000, 700)
    names = {info["name"] for info in image.renditions.values()}
    for info in image.renditions.values():
        default_storage.delete(info["name"])
    Image.objects.filter(pk=image.pk).update(renditions={})
    call_command("generate_renditions")
    image.refresh_from_db()
    assert {info["name"] for info in image.renditions.values()} == names
    assert all(default_storage.exists(name) for name in names)
    call_command("generate_renditions")
    image.refresh_from_db()
    assert {info["name"] for info in image.renditions.values()} == names


def test_explicit_alt_none_uses_the_image_alt_and_sizes_pass_through():
    image = photo(1000, 500)
    html = render('{% picture image sizes="50vw" alt=None %}', image=image)
    assert 'alt="Peserta bimtek"' in html
    assert html.count('sizes="50vw"') == 2


def test_image_without_renditions_falls_back_to_the_file():
    image = photo(500, 400)
    image.renditions = {}
    html = render("{% picture image %}", image=image)
    assert f'src="{image.file.url}"' in html and "srcset" not in html
    assert 'width="500" height="400"' in html


def test_picture_markup_follows_new_renditions_alt_and_media_url(settings):
    """The markup is memoized per process: regenerated renditions (new file names), a new
    alt text and another MEDIA_URL must never be served from the old markup."""
    image = photo(1000, 500)
    first = render("{% picture image %}", image=image)
    old_names = {info["name"] for info in image.renditions.values()}
    image.renditions = {
        spec: {**info, "name": info["name"].replace(".", "-v2.")}
        for spec, info in image.renditions.items()
    }
    second = render("{% picture image %}", image=image)
    assert second != first
    assert not any(name in second for name in old_names)
    image.alt_text = "Peserta <baru>"
    assert 'alt="Peserta &lt;baru&gt;"' in render("{% picture image %}", image=image)
    settings.MEDIA_URL = "https://cdn.example.org/media/"
    assert "https://cdn.example.org/media/" in render("{% picture image %}", image=image)
