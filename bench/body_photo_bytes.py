"""Bytes a 390-px phone downloads for an article with a photo inserted in the body
(not a test).

    .venv/bin/python bench/body_photo_bytes.py

Builds a throwaway SQLite site with one published article: a featured photo and a
second phone photo inserted in the body exactly as the editor inserts it (the src that
``media_library.views.editor_image_url`` returns). Serves it in-process and opens it in
Debian's chromium (Playwright) at 390x844 CSS px with device pixel ratios 1, 2 and 3,
scrolling to the end so lazy images load too. "before" renders the body as stored (what
``{{ article.body|safe }}`` sent); "after" is ``articles.body_render``. Bytes are what
chromium reports as received (headers + body) for every request of the page.
"""

import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup(workdir):
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kominfo.settings"
    os.environ["PUBLIC_PAGE_CACHE"] = "false"
    os.environ["CACHE_URL"] = "locmemcache://bench"
    os.environ["AXES_ENABLED"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_article():
    import io
    from datetime import timedelta

    import phone_photo
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from articles.models import Article, Category
    from media_library import pipeline
    from media_library.views import editor_image_url
    from perangkat_daerah.models import PerangkatDaerah
    from publishing import workflow

    def photo(seed):
        out = io.BytesIO()
        phone_photo.scene(seed=seed).save(out, "JPEG", quality=85)
        return SimpleUploadedFile(f"foto-{seed}.jpg", out.getvalue())

    pd = PerangkatDaerah.objects.create(name="Diskominfo", short_name="Diskominfo", slug="dk")
    featured = pipeline.ingest_image(photo(1), alt_text="Peserta bimtek", perangkat_daerah=pd)
    inline = pipeline.ingest_image(photo(2), alt_text="Narasumber", perangkat_daerah=pd)
    src = editor_image_url(inline)
    body = (
        "<p>" + "Kalimat isi berita yang cukup panjang untuk satu paragraf. " * 12 + "</p>"
        f'<figure class="image"><img src="{src}" alt="Narasumber"></figure>'
        "<p>" + "Paragraf penutup berita. " * 10 + "</p>"
    )
    article = Article.objects.create(
        title="Bimtek Kehumasan",
        slug="bimtek-kehumasan",
        lead="Ringkasan.",
        body=body,
        category=Category.objects.create(name="Berita", slug="berita"),
        perangkat_daerah=pd,
        featured_image=featured,
    )
    editor = User.objects.create_user("redaktur", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktur"))
    workflow.publish(editor, article, when=timezone.now() - timedelta(minutes=5))
    return article, src


def serve():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def measure(browser, url, dpr):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=dpr, is_mobile=True
    )
    page = context.new_page()
    received = []

    def done(request):
        sizes = request.sizes()
        received.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    page.on("requestfinished", done)
    page.goto(url)
    for _ in range(12):
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(150)
    page.wait_for_load_state("networkidle")
    context.close()
    return received


def main():
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="kominfo-bodyphoto-"))
    setup(workdir)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    article, src = build_article()
    base = serve()
    url = base + article.get_absolute_url()

    from django.utils.safestring import mark_safe

    from articles import body_render
    from articles.templatetags import article_body

    variants = {
        "before": lambda body: body_render.RenderedBody(mark_safe(body), False),
        "after": body_render.render_body,
    }
    inline_folder = src.rsplit("/", 1)[0]
    print(f"body photo inserted by the editor: {src}")
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless"]
        )
        for dpr in (1, 2, 3):
            for name, renderer in variants.items():
                article_body.render_body = renderer
                received = measure(browser, url, dpr)
                total = sum(size for _, size in received)
                photo = [(u, s) for u, s in received if u.startswith(base + inline_folder)]
                photo_bytes = sum(s for _, s in photo)
                files = ", ".join(u.rsplit("/", 1)[1] for u, _ in photo)
                rows.append((dpr, name, total, photo_bytes, files))
                print(
                    f"DPR {dpr} {name:6}: page total {total:>8} B, body photo {photo_bytes:>7} B ({files})"
                )
        browser.close()
    print()
    print(
        "| DPR | before: body photo | after: body photo | before: page total | after: page total |"
    )
    print("|---|---|---|---|---|")
    for dpr in (1, 2, 3):
        b, a = [r for r in rows if r[0] == dpr]
        print(
            f"| {dpr} | {b[3] / 1024:.1f} KB ({b[4]}) | {a[3] / 1024:.1f} KB ({a[4]}) "
            f"| {b[2] / 1024:.1f} KB | {a[2] / 1024:.1f} KB |"
        )


if __name__ == "__main__":
    main()
