"""The site menu: edited by an Administrator in the admin (forms read from the page),
two levels, links to pages, categories and addresses; drives the header and footer
without JavaScript; hostile addresses are refused; changes reach cached pages."""

import re
from html import escape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from pages.models import Page
from publishing import workflow
from site_settings.models import MenuItem
from tests.formreader import login, read_form
from tests.portal_pages.helpers import make_page

pytestmark = pytest.mark.django_db
ADD = "/admin/site_settings/menuitem/add/"


def client_for(user):
    return login(Client(), user.get_username())


def option_value(html, label):
    label = escape(label)
    found = re.search(rf'<option value="([^"]*)"[^>]*>{re.escape(label)}</option>', html)
    assert found, label
    return found.group(1)


def add_item(client, **fields):
    page = client.get(ADD)
    assert page.status_code == 200
    data = read_form(page.content, "menuitem_form")
    data.update(fields)
    return client.post(ADD, {**data, "_save": "1"})


def header_of(html):
    return html.split('<header class="site-header">')[1].split("</header>")[0]


def footer_of(html):
    return html.split('<footer class="site-footer">')[1].split("</footer>")[0]


def test_administrator_builds_a_two_level_menu(world, settings):
    settings.PUBLIC_PAGE_CACHE = True
    public = Client()
    assert public.get("/")["X-Page-Cache"] == "miss"
    profil = make_page(world, "profil", title="Profil")
    visi = make_page(world, "visi-misi", parent=profil, title="Visi & Misi")
    admin = client_for(world.admin)
    form_html = admin.get(ADD).content.decode()
    response = add_item(
        admin,
        title="Profil",
        target=option_value(form_html, "Halaman: Profil — /halaman/profil/"),
        in_footer="on",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    top = MenuItem.objects.get(title="Profil")
    assert top.target_type == ContentType.objects.get_for_model(Page)
    sub = add_item(
        admin,
        title="Visi & Misi",
        parent=str(top.pk),
        target=option_value(form_html, f"Halaman: Visi & Misi — {visi.get_absolute_url()}"),
    )
    assert sub.status_code == 302
    external = add_item(admin, title="Portal Kabupaten", url="https://kutaitimurkab.go.id")
    assert external.status_code == 302
    category = add_item(
        admin,
        title="Ekonomi",
        target=option_value(
            form_html, f"Kategori: {world.category.name} — /kategori/{world.category.slug}/"
        ),
        order="5",
    )
    assert category.status_code == 302

    html = public.get("/").content.decode()  # the menu change dropped the cached page
    header = header_of(html)
    assert "<details" in header and "<summary>Profil</summary>" in header
    assert f'<a href="{visi.get_absolute_url()}">Visi &amp; Misi</a>' in header
    assert '<a href="https://kutaitimurkab.go.id" rel="noopener">Portal Kabupaten</a>' in header
    assert f'<a href="/kategori/{world.category.slug}/">Ekonomi</a>' in header
    assert header.index("Ekonomi") < header.index("Profil")  # order
    assert "<script" not in header
    footer = footer_of(html)
    assert 'href="/halaman/profil/"' in footer and "Portal Kabupaten" not in footer

    # An unpublished page leaves the menu (and the cached page) at once.
    workflow.unpublish(world.redaktur, visi, "Ditata ulang.")
    header = header_of(public.get("/").content.decode())
    assert "Visi &amp; Misi" not in header, header
    assert '<a href="/halaman/profil/">Profil</a>' in header


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>x</script>",
        "//evil.example/",
        "/jalan dengan spasi",
        "/ok\x00",
        "ftp://example.org/",
        "https://",
        "https://evil.example\\@kutaitimurkab.go.id/",  # a browser goes to evil.example
        "https://kutaitimurkab.go.id/a b",
    ],
)
def test_hostile_addresses_are_refused(world, url):
    admin = client_for(world.admin)
    response = add_item(admin, title="Jahat", url=url)
    if "\x00" in url:  # the request guard refuses a NUL byte in any form field
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
    assert not MenuItem.objects.filter(title="Jahat").exists()


def test_menu_rules(world):
    admin = client_for(world.admin)
    top = MenuItem.objects.create(title="Atas", url="/arsip/")
    middle = MenuItem.objects.create(title="Tengah", url="/pd/", parent=top)
    third = add_item(admin, title="Ketiga", url="/x/", parent=str(middle.pk))
    assert third.status_code == 200 and not MenuItem.objects.filter(title="Ketiga").exists()
    both = add_item(
        admin, title="Dua", url="/x/", target=f"{ContentType.objects.get_for_model(Page).pk}:1"
    )
    assert both.status_code == 200
    forged = add_item(admin, title="Palsu", target="999999:1")
    assert forged.status_code == 200 and not MenuItem.objects.filter(title="Palsu").exists()
    user_ct = ContentType.objects.get(app_label="auth", model="user")
    not_a_target = add_item(admin, title="Akun", target=f"{user_ct.pk}:{world.admin.pk}")
    assert not_a_target.status_code == 200
    assert not MenuItem.objects.filter(title="Akun").exists()
    hostile_title = add_item(admin, title='<img src=x onerror="alert(1)">', url="/arsip/")
    assert hostile_title.status_code == 302
    html = Client().get("/").content.decode()
    assert "&lt;img src=x onerror=" in html and '<img src=x onerror="alert(1)">' not in html


@pytest.mark.parametrize("role", ["penulis", "redaktur"])
def test_only_administrators_edit_the_menu(world, role):
    item = MenuItem.objects.create(title="Atas", url="/arsip/")
    client = client_for(getattr(world, role))
    assert client.get("/admin/site_settings/menuitem/").status_code == 403
    assert client.get(ADD).status_code == 403
    assert client.get(f"/admin/site_settings/menuitem/{item.pk}/change/").status_code == 403
    assert client.post(ADD, {"title": "x", "url": "/x/", "order": "1"}).status_code == 403
    assert MenuItem.objects.count() == 1


def test_menu_works_without_javascript_on_a_phone(world):
    """Every item is a plain link or a <details> element: reachable by keyboard and
    without scripts. The layout at 390 px is checked in the browser test."""
    profil = make_page(world, "profil", title="Profil")
    top = MenuItem.objects.create(title="Profil", url="/halaman/profil/")
    MenuItem.objects.create(
        title="Visi", target_type=ContentType.objects.get_for_model(Page), target_id=profil.pk,
        parent=top,
    )  # fmt: skip
    header = header_of(Client().get("/").content.decode())
    assert "<details" in header and "<summary>" in header
    # The heading's own page is reachable too, inside the sub-menu.
    assert header.count('href="/halaman/profil/"') == 2


def test_scheduled_page_enters_the_menu_at_its_minute(world, monkeypatch, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.PUBLIC_PAGE_CACHE = True
    page = make_page(world, "kontak", state="draft", title="Kontak")
    workflow.publish(world.redaktur, page, when=timezone.now() + timedelta(minutes=5))
    MenuItem.objects.create(
        title="Kontak", target_type=ContentType.objects.get_for_model(Page), target_id=page.pk
    )
    public = Client()
    assert "Kontak" not in header_of(public.get("/").content.decode())
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=5, seconds=1))
    assert '<a href="/halaman/kontak/">Kontak</a>' in header_of(public.get("/").content.decode())


def test_changelist_names_the_target_and_label_is_capitalised(world):
    make_page(world, "struktur-organisasi", title="Struktur Organisasi")
    admin = client_for(world.admin)
    form_html = admin.get(ADD).content.decode()
    assert ">Menuju ke:</label>" in form_html
    target = option_value(form_html, "Halaman: Struktur Organisasi — /halaman/struktur-organisasi/")
    assert add_item(admin, title="Struktur", target=target).status_code == 302
    listing = admin.get("/admin/site_settings/menuitem/").content.decode()
    assert "Struktur Organisasi" in listing and " #" not in listing.split("result_list")[1]


def test_unpublishing_a_linked_page_drops_its_menu_link_from_cached_item_pages(world, settings):
    """Outside QA: after a Redaktur unpublished a Halaman in the menu, cached article,
    announcement, album and PPID pages kept linking to it (410) for minutes."""
    from tests.factories import make_article
    from tests.portal_pages.helpers import make_announcement

    settings.PUBLIC_PAGE_CACHE = True
    visi = make_page(world, "visi-misi", title="Visi & Misi")
    MenuItem.objects.create(
        title="Visi & Misi", target_type=ContentType.objects.get_for_model(Page), target_id=visi.pk
    )
    article = make_article(pd=world.pd)
    workflow.record_revision(world.redaktur, article)
    workflow.publish(world.redaktur, article)
    urls = [article.get_absolute_url(), make_announcement(world).get_absolute_url()]
    public = Client()
    for url in urls:
        public.get(url)
        cached = public.get(url)
        assert (
            cached["X-Page-Cache"] == "hit"
            and 'href="/halaman/visi-misi/"' in cached.content.decode()
        )
    workflow.unpublish(world.redaktur, visi, "Diganti")
    assert public.get("/halaman/visi-misi/").status_code == 410
    for url in urls:
        assert 'href="/halaman/visi-misi/"' not in public.get(url).content.decode(), url
