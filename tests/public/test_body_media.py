"""Photos and videos inserted in the body with the editor, as readers get them.

Photos: the same <picture> (WebP + JPEG srcset/sizes, width/height, lazy) as featured
images, one query whatever their number; a photo without alt text is listed in "Yang
masih kurang". Videos: a click-to-load preview that requests nothing from another host
(the browser test in tests/browser checks the click), CSP frame-src youtube-nocookie only.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from media_library.models import Image
from publishing import workflow
from tests.factories import make_article, make_image, make_pd, make_user
from tests.media import files
from tests.workflow.helpers import change_url

pytestmark = pytest.mark.django_db
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False


def editor_insert(client, user, name="Foto kegiatan.jpg", size=(2000, 1500)):
    """Upload through the editor's image button; returns the src the editor inserts."""
    client.force_login(user)
    data = files.encode(files.photo_like(*size), "JPEG", quality=90)
    response = client.post(
        "/media-library/editor-upload/", {"upload": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200, response.content
    client.logout()
    return response.json()["url"]


def body_of(page):
    html = page.content.decode()
    return html[
        html.index('<div class="body">') : html.index("</div>", html.index('<div class="body">'))
    ]


@pytest.fixture
def penulis(db):
    pd = make_pd()
    return make_user("Penulis", pd), pd


def test_editor_photo_gets_picture_with_webp_srcset_sizes_and_lazy(client, publish, penulis):
    user, pd = penulis
    src = editor_insert(client, user)
    body = f'<p>Isi.</p><figure class="image"><img src="{src}" alt="Peserta bimtek"></figure>'
    article = publish(perangkat_daerah=pd, body=body)
    part = body_of(client.get(article.get_absolute_url()))
    assert part.count("<picture>") == 1
    image = Image.objects.get(file__startswith="images/", uploaded_by=user)
    webp = image.renditions_of("webp")
    assert f'<source type="image/webp" srcset="{webp[0]["url"]} {webp[0]["width"]}w' in part
    img = re.search(r"<picture>.*?(<img [^>]*>)</picture>", part).group(1)
    assert 'sizes="(min-width: 800px) 760px, calc(100vw - 32px)"' in img
    assert 'loading="lazy"' in img and 'alt="Peserta bimtek"' in img
    jpeg = image.renditions_of("jpeg")
    assert f'width="{jpeg[-1]["width"]}" height="{jpeg[-1]["height"]}"' in img
    assert "320w" in img and "1920w" in img


def test_library_alt_text_is_used_when_the_editor_left_it_empty(client, publish, penulis):
    user, pd = penulis
    image = make_image(pd, alt_text="Bupati meresmikan jembatan")
    src = image.renditions_of("jpeg")[-1]["url"]
    article = publish(perangkat_daerah=pd, body=f'<p><img src="{src}" alt=""></p>')
    part = body_of(client.get(article.get_absolute_url()))
    assert 'alt="Bupati meresmikan jembatan"' in part and "<picture>" in part


def test_body_photos_cost_one_query_whatever_their_number(client, publish, penulis, settings):
    settings.PUBLIC_FRAGMENT_CACHE = False  # render the body on every request (no memo)
    user, pd = penulis

    def count_for(n):
        images = [make_image(pd) for _ in range(n)]
        body = "<p>Isi.</p>" + "".join(
            f'<p><img src="{i.renditions_of("jpeg")[-1]["url"]}" alt="x"></p>' for i in images
        )
        article = publish(perangkat_daerah=pd, body=body)
        url = article.get_absolute_url()
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert body_of(page).count("<picture>") == n
        return len(queries)

    without = count_for(0)
    one, five = count_for(1), count_for(5)
    assert one == five == without + 1
    assert five <= 8  # the article page budget (tests/public/test_query_budgets.py)


def test_unknown_media_image_stays_and_is_lazy(client, publish):
    article = publish(body='<p><img src="/media/images/2020/01/gone.jpg" alt="Lama"></p>')
    part = body_of(client.get(article.get_absolute_url()))
    assert '<img src="/media/images/2020/01/gone.jpg" alt="Lama" loading="lazy"' in part


def test_photo_without_alt_is_listed_before_review(client, penulis):
    user, pd = penulis
    bare = make_image(pd, alt_text="")
    described = make_image(pd, alt_text="Ada deskripsi")
    decorative = make_image(pd, alt_text="", is_decorative=True)
    body = "".join(
        f'<p><img src="{img.renditions_of("jpeg")[-1]["url"]}" alt="{alt}"></p>'
        for img, alt in [
            (bare, ""),
            (bare, ""),
            (described, ""),
            (decorative, ""),
            (bare, "Diketik"),
        ]
    )
    article = make_article(pd=pd, body=body)
    assert workflow.missing_for_review(article) == ["teks alternatif 2 foto di isi berita"]
    client.force_login(user)
    page = client.get(change_url(article)).content.decode()
    assert "teks alternatif 2 foto di isi berita" in page
    with pytest.raises(ValidationError):
        workflow.submit(user, article)
    article.body = body.replace('alt=""', 'alt="Foto"')
    article.save()
    assert workflow.missing_for_review(article) == []


def test_youtube_embed_is_a_click_to_load_preview(client, publish):
    body = f'<p>Tonton:</p><figure class="media"><oembed url="{YOUTUBE}&amp;t=5"></oembed></figure>'
    article = publish(body=body)
    page = client.get(article.get_absolute_url())
    part = body_of(page)
    html = page.content.decode()
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in part
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in part
    assert "<iframe" not in html
    # Nothing loads from another host before the click: every src/srcset is local.
    for value in re.findall(r'\s(?:src|srcset)="([^"]*)"', html):
        assert value.startswith("/"), value
    assert "ytimg" not in html
    assert '<script src="/static/js/video-embed.js" defer></script>' in html
    assert "dimuat dari YouTube" in part
    csp = page["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com;" in csp
    assert "vimeo" not in csp


def test_vimeo_is_a_plain_link_and_needs_no_script(client, publish):
    article = publish(
        body='<figure class="media"><oembed url="https://vimeo.com/76979871"></oembed></figure>'
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="https://vimeo.com/76979871"' in page
    assert "data-embed-src" not in page and "video-embed.js" not in page and "<iframe" not in page


def test_article_without_media_is_unchanged(client, publish):
    article = publish(body="<p>Isi <strong>tebal</strong>.</p>")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<p>Isi <strong>tebal</strong>.</p>" in page and "video-embed.js" not in page


def test_admin_csp_frames_only_the_nocookie_player(client):
    client.force_login(make_user("Redaktur"))
    csp = client.get("/admin/")["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com;" in csp


@pytest.mark.parametrize(
    "src",
    [
        "/media/images/a%00.jpg",
        "/media/renditions/%00/x/jpeg-320.jpg",
        "/media/renditions/a/b/c/%ZZ.jpg",
        "/media/renditions/2024/01/%E2%80%AE/jpeg-320.jpg",
        "/media/" + "a" * 5000 + ".jpg",
        "/media/renditions/jpeg-320.jpg",
    ],
    ids=["nul", "nul-folder", "bad-escape", "rtl-override", "very-long", "no-folder"],
)
def test_hostile_body_image_src_never_500(client, publish, src):
    article = publish(body=f'<p>Isi.</p><p><img src="{src}" alt="Foto"></p>')
    assert client.get(article.get_absolute_url()).status_code == 200
    article.body = article.body.replace('alt="Foto"', 'alt=""')
    assert workflow.missing_for_review(article) == ["teks alternatif 1 foto di isi berita"]


def test_side_image_gets_half_width_sizes(client, publish, penulis):
    user, pd = penulis
    image = make_image(pd)
    src = image.renditions_of("jpeg")[-1]["url"]
    body = (
        f'<p>Isi.</p><figure class="image image-style-side"><img src="{src}" alt="a"></figure>'
        f'<figure class="image"><img src="{src}" alt="b"></figure>'
    )
    article = publish(perangkat_daerah=pd, body=body)
    part = body_of(client.get(article.get_absolute_url()))
    assert part.count('sizes="(min-width: 800px) 380px, calc(50vw - 16px)"') == 2  # source+img
    assert part.count('sizes="(min-width: 800px) 760px, calc(100vw - 32px)"') == 2
