"""Menu admin (outside QA): targets with the same name are told apart by type, agency and
address in the target choice and the list; an item that links nowhere is refused,
except a top-level heading with sub-items (saved together with its first sub-item),
which the header opens as a <details> element without JavaScript."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from site_settings.models import MenuItem
from tests import factories
from tests.formreader import read_form
from tests.portal_pages.helpers import make_page

from .test_menu import ADD, add_item, client_for, header_of, option_value

pytestmark = pytest.mark.django_db

NO_LINK = "Pilih tujuan tautan atau alamat."


def target_labels(html):
    doc = lxml_html.fromstring(html)
    return [
        o.text_content() for o in doc.xpath("//select[@name='target']//option") if o.get("value")
    ]


def errors(response):
    assert response.status_code == 200, response.status_code
    doc = lxml_html.fromstring(response.content.decode())
    return " ".join(e.text_content() for e in doc.xpath("//ul[contains(@class,'errorlist')]"))


def test_targets_of_the_same_name_are_told_apart(world):
    diskominfo = factories.make_pd("Diskominfo Perstik")
    dinkes = factories.make_pd("Dinas Kesehatan")
    make_page(world, "profil", title="Profil", pd=diskominfo)
    make_page(world, "profil", title="Profil", pd=dinkes)
    make_page(world, "berita", title="Berita")
    factories.make_category("Berita")
    admin = client_for(world.admin)
    html = admin.get(ADD).content.decode()
    labels = target_labels(html)
    assert len(labels) == len(set(labels))
    assert f"Halaman: Profil — Diskominfo Perstik — /pd/{diskominfo.slug}/profil/" in labels
    assert f"Halaman: Profil — Dinas Kesehatan — /pd/{dinkes.slug}/profil/" in labels
    assert "Halaman: Berita — /halaman/berita/" in labels
    assert any(label.startswith("Kategori: Berita — /kategori/") for label in labels)

    chosen = option_value(html, f"Halaman: Profil — Dinas Kesehatan — /pd/{dinkes.slug}/profil/")
    assert add_item(admin, title="Profil Dinkes", target=chosen).status_code == 302
    listing = admin.get("/admin/site_settings/menuitem/").content.decode()
    assert f"Halaman: Profil — Dinas Kesehatan — /pd/{dinkes.slug}/profil/" in listing


def test_target_choice_costs_the_same_queries_for_more_and_deeper_pages(world):
    admin = client_for(world.admin)
    top = make_page(world, "tentang", pd=world.pd)
    make_page(world, "visi", parent=make_page(world, "bidang", parent=top, pd=world.pd),
              pd=world.pd)  # fmt: skip

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin.get(ADD).status_code == 200
        return len(queries)

    count()  # warm caches (content types, session)
    before = count()
    for n in range(6):
        parent = make_page(world, f"induk-{n}", pd=world.other_pd)
        make_page(world, f"anak-{n}", parent=parent, pd=world.other_pd)
    count()  # the saves renewed the cached settings
    assert count() == before


def test_an_item_that_links_nowhere_is_refused(world):
    admin = client_for(world.admin)
    response = add_item(admin, title="Kosong")
    assert NO_LINK in errors(response)
    top = MenuItem.objects.create(title="Layanan", url="/layanan/")
    response = add_item(admin, title="Anak kosong", parent=str(top.pk))
    assert "Subbutir menu memerlukan tujuan tautan atau alamat." in errors(response)
    assert set(MenuItem.objects.values_list("title", flat=True)) == {"Layanan"}


def test_a_heading_is_saved_with_its_first_sub_item_and_opens_without_javascript(world):
    visi = make_page(world, "visi-misi", title="Visi & Misi")
    admin = client_for(world.admin)
    page = admin.get(ADD)
    data = read_form(page.content, "menuitem_form")
    data.update({
        "title": "Profil Daerah — Kutai Timur",
        "children-0-title": "Visi & Misi",
        "children-0-target": option_value(page.content.decode(), "Halaman: Visi & Misi — /halaman/visi-misi/"),
        "_continue": "1",
    })  # fmt: skip
    response = admin.post(ADD, data)
    assert response.status_code == 302, errors(response)
    heading = MenuItem.objects.get(parent=None)
    assert heading.target_type_id is None and heading.url == ""
    assert heading.children.get().target_id == visi.pk
    header = header_of(Client().get("/").content.decode())
    assert "<summary>Profil Daerah — Kutai Timur</summary>" in header
    assert f'<a href="{visi.get_absolute_url()}">Visi &amp; Misi</a>' in header

    # Saving it again works; removing its last sub-item is refused (it would link nowhere).
    change = f"/admin/site_settings/menuitem/{heading.pk}/change/"
    data = read_form(admin.get(change).content, "menuitem_form")
    assert admin.post(change, {**data, "_continue": "1"}).status_code == 302
    data = read_form(admin.get(change).content, "menuitem_form")
    response = admin.post(change, {**data, "children-0-DELETE": "on", "_continue": "1"})
    assert NO_LINK in errors(response)
    assert heading.children.count() == 1
    # With an address of its own it may lose its sub-items.
    data.update({"url": "/halaman/visi-misi/", "children-0-DELETE": "on", "_continue": "1"})
    assert admin.post(change, data).status_code == 302
    assert not heading.children.exists()

    # A sub-item's own page has no sub-item rows (two levels only).
    child = MenuItem.objects.create(title="Anak", url="/x/", parent=heading)
    html = admin.get(f"/admin/site_settings/menuitem/{child.pk}/change/").content.decode()
    assert "children-TOTAL_FORMS" not in html


def test_sub_item_rows_under_a_sub_item_are_refused_with_a_visible_message(world):
    admin = client_for(world.admin)
    top = MenuItem.objects.create(title="Layanan", url="/layanan/")
    response = add_item(
        admin, title="Perizinan", url="/izin/", parent=str(top.pk),
        **{"children-0-title": "Tingkat tiga", "children-0-url": "/tiga/"},
    )  # fmt: skip
    assert "Menu hanya memiliki dua tingkat." in errors(response)
    assert MenuItem.objects.count() == 1
