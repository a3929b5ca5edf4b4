"""Galleries in Chromium at 390 px: the album lightbox opens, moves and closes with
JavaScript off (links and :target only), and a gallery video asks nothing of another
host before the click, then plays from youtube-nocookie.com."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from galleries.models import Album, AlbumPhoto, Video
from perangkat_daerah.roles import REDAKTUR
from publishing import workflow
from site_settings.models import SiteSettings
from tests.factories import make_image, make_pd, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def items(transactional_db):
    Group.objects.get_or_create(name=REDAKTUR)
    SiteSettings.load()
    editor, pd = make_user(REDAKTUR), make_pd()
    album = Album.objects.create(
        title="Peresmian Pasar", slug="peresmian-pasar", perangkat_daerah=pd
    )
    for i in range(3):
        AlbumPhoto.objects.create(
            album=album,
            image=make_image(pd, alt_text=f"Foto pasar {i + 1}"),
            caption=f"Ket {i + 1}",
            order=i,
        )
    video = Video.objects.create(
        title="Video Pasar", slug="video-pasar", youtube_url="https://youtu.be/dQw4w9WgXcQ",
        perangkat_daerah=pd,
    )  # fmt: skip
    for obj in (album, video):
        workflow.publish(editor, obj, when=timezone.now() - timedelta(hours=1))
    cache.clear()
    return album, video


def new_page(browser, javascript):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    return context, page


def test_lightbox_works_without_javascript(browser, live_server, items):
    album, _video = items
    context, page = new_page(browser, javascript=False)
    page.goto(live_server.url + album.get_absolute_url())
    assert not page.locator("#foto-1").is_visible()
    page.locator('a[href="#foto-1"]').first.click()
    assert page.locator("#foto-1").is_visible()
    assert "Ket 1" in page.locator("#foto-1").inner_text()
    page.locator('#foto-1 a[href="#foto-2"]').click()
    assert page.locator("#foto-2").is_visible() and not page.locator("#foto-1").is_visible()
    page.locator('#foto-2 a[href="#galeri"]').click()
    assert not page.locator("#foto-2").is_visible()
    # the enlarged photo is a real, loaded image
    page.locator('a[href="#foto-3"]').first.click()
    page.wait_for_function("document.querySelector('#foto-3 img').complete")
    assert page.evaluate("document.querySelector('#foto-3 img').naturalWidth") > 0
    context.close()


def test_gallery_video_is_click_to_load(browser, live_server, items):
    _album, video = items
    context, page = new_page(browser, javascript=True)
    outside = []

    def route(r):
        if r.request.url.startswith(live_server.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(live_server.url + video.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert outside == [] and page.locator("iframe").count() == 0
    page.locator("a.video-embed-link").click()
    frame = page.locator("iframe.video-embed-frame")
    frame.wait_for(state="attached")
    assert (
        frame.get_attribute("src")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    context.close()
