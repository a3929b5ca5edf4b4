"""Pages and announcements through the admin over HTTP, as people do it: log in, open
the page, read the form from it, change what a person changes, post it back."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from announcements.models import Announcement
from pages.models import Page
from tests.formreader import login, read_form
from tests.portal_pages.helpers import make_page

pytestmark = pytest.mark.django_db


def client_for(user):
    return login(Client(), user.get_username())


def add(client, model_path, form_id, **fields):
    page = client.get(f"/admin/{model_path}/add/")
    assert page.status_code == 200
    data = read_form(page.content, form_id)
    data.update(fields)
    return client.post(f"/admin/{model_path}/add/", {**data, "_continue": "1"})


def panel(client, change_url, form_id, **fields):
    """Submit one of the status panel's forms, read from the change page."""
    page = client.get(change_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'id="{form_id}"' in html, f"{form_id} not offered"
    data = read_form(html, form_id)
    data.update(fields)
    action = re.search(rf'<form method="post" action="([^"]+)"[^>]*id="{form_id}"', html)
    return client.post(action.group(1), data)


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_announcement_from_penulis_to_redaktur_with_expiry(world):
    penulis = client_for(world.penulis)
    response = add(
        penulis,
        "announcements/announcement",
        "announcement_form",
        title="Pendaftaran Bimtek Humas Desa",
        slug="pendaftaran-bimtek-humas-desa",
        summary="Ditutup Jumat.",
        body="<p>Pendaftaran dibuka untuk <strong>humas desa</strong>.</p><script>x()</script>",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Announcement.objects.get(slug="pendaftaran-bimtek-humas-desa")
    assert item.perangkat_daerah == world.pd and "script" not in item.body
    change = f"/admin/announcements/announcement/{item.pk}/change/"

    # The Penulis is not offered publishing, and a hand-made request is refused.
    assert 'id="wf-publish"' not in penulis.get(change).content.decode()
    assert panel(penulis, change, "wf-submit").status_code == 302
    item.refresh_from_db()
    assert item.status == "review"
    forged = penulis.post(
        f"/admin/announcements/announcement/{item.pk}/workflow/",
        {"action": "publish", "version": item.version},
    )
    assert forged.status_code in (400, 403)
    item.refresh_from_db()
    assert item.status == "review"

    # Another agency's Penulis does not see it at all.
    other = client_for(world.penulis_other)
    assert other.get(change).status_code == 404
    assert other.get(f"/admin/announcements/announcement/{item.pk}/preview/").status_code == 404

    # The Redaktur publishes it with an expiry; one in the past is refused first.
    redaktur = client_for(world.redaktur)
    past = panel(redaktur, change, "wf-publish", expires=local(timezone.now() - timedelta(hours=1)))
    assert past.status_code == 400
    assert "Waktu berakhir harus sesudah waktu terbit" in past.content.decode()
    item.refresh_from_db()
    assert item.status == "review"
    ends = timezone.now() + timedelta(days=3)
    assert panel(redaktur, change, "wf-publish", expires=local(ends)).status_code == 302
    item.refresh_from_db()
    assert item.is_live
    assert item.expires_at == ends.replace(second=0, microsecond=0)
    assert "WITA" in redaktur.get(change).content.decode().split('id="expires-at"')[1][:200]
    assert Client().get(item.get_absolute_url()).status_code == 200


def test_penulis_cannot_place_an_announcement_in_another_agency(world):
    penulis = client_for(world.penulis)
    response = add(
        penulis,
        "announcements/announcement",
        "announcement_form",
        title="Salah PD",
        slug="salah-pd",
        body="<p>x</p>",
        perangkat_daerah=str(world.other_pd.pk),
    )
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not Announcement.objects.filter(slug="salah-pd").exists()


def test_stale_save_is_refused_and_a_second_save_works(world):
    penulis = client_for(world.penulis)
    add(
        penulis,
        "announcements/announcement",
        "announcement_form",
        title="Dua kali",
        slug="dua-kali",
        body="<p>x</p>",
    )
    item = Announcement.objects.get(slug="dua-kali")
    change = f"/admin/announcements/announcement/{item.pk}/change/"
    old = read_form(penulis.get(change).content, "announcement_form")
    first = {**old, "title": "Dua kali (1)", "_continue": "1"}
    assert penulis.post(change, first).status_code == 302
    fresh = read_form(penulis.get(change).content, "announcement_form")
    assert (
        penulis.post(change, {**fresh, "title": "Dua kali (2)", "_continue": "1"}).status_code
        == 302
    )
    stale = penulis.post(change, {**old, "title": "Basi", "_continue": "1"})
    assert stale.status_code == 200
    item.refresh_from_db()
    assert item.title == "Dua kali (2)"


def test_page_from_penulis_to_public_and_a_proposal_on_it(world):
    penulis = client_for(world.penulis)
    response = add(
        penulis,
        "pages/page",
        "page_form",
        title="Profil Dinas",
        slug="profil",
        body="<p>Profil lama.</p>",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="profil")
    assert page.perangkat_daerah == world.pd
    change = f"/admin/pages/page/{page.pk}/change/"
    assert panel(penulis, change, "wf-submit").status_code == 302
    redaktur = client_for(world.redaktur)
    assert panel(redaktur, change, "wf-publish").status_code == 302
    public_url = f"/pd/{world.pd.slug}/profil/"
    assert "Profil lama." in Client().get(public_url).content.decode()

    # The Penulis edits the live page: a proposal; the public keeps the live text.
    data = read_form(penulis.get(change).content, "page_form")
    data.update(body="<p>Profil baru.</p>", _continue="1")
    assert penulis.post(change, data).status_code == 302
    assert "Profil lama." in Client().get(public_url).content.decode()
    approve = redaktur.get(change).content.decode()
    action = re.search(r'action="([^"]+)" id="approve-revision"', approve).group(1)
    form = read_form(approve, "approve-revision")
    assert redaktur.post(action, form).status_code == 302
    assert "Profil baru." in Client().get(public_url).content.decode()


def test_penulis_cannot_make_site_pages_or_use_other_agencies_parents(world):
    foreign = make_page(world, "profil", pd=world.other_pd)
    site = make_page(world, "tentang")
    penulis = client_for(world.penulis)
    assert penulis.get(f"/admin/pages/page/{foreign.pk}/change/").status_code == 404
    assert penulis.get(f"/admin/pages/page/{site.pk}/change/").status_code == 404
    no_pd = add(
        penulis, "pages/page", "page_form", title="Situs", slug="situs", perangkat_daerah=""
    )
    assert no_pd.status_code == 200 and not Page.objects.filter(slug="situs").exists()
    foreign_parent = add(
        penulis, "pages/page", "page_form", title="Anak", slug="anak", parent=str(foreign.pk)
    )
    assert foreign_parent.status_code == 200
    assert not Page.objects.filter(slug="anak").exists()


def test_page_place_rules(world):
    redaktur = client_for(world.redaktur)
    root = make_page(world, "profil")
    child = make_page(world, "visi-misi", parent=root)
    grandchild = make_page(world, "rincian", parent=child)
    cases = [
        ({"slug": "profil"}, "sudah memakai alamat ini"),  # sibling with the same slug
        ({"slug": "lain", "parent": str(grandchild.pk)}, "bertingkat 3"),
        ({"slug": "rss", "perangkat_daerah": str(world.pd.pk)}, "dipakai sistem"),
        ({"slug": "x", "parent": str(root.pk), "perangkat_daerah": str(world.pd.pk)}, "PD"),
    ]
    for fields, message in cases:
        response = add(redaktur, "pages/page", "page_form", title="Uji", **fields)
        assert response.status_code == 200, fields
        assert message in response.content.decode(), (fields, message)
    # A page cannot move under its own child.
    change = f"/admin/pages/page/{root.pk}/change/"
    data = read_form(redaktur.get(change).content, "page_form")
    data.update(parent=str(child.pk), _continue="1")
    response = redaktur.post(change, data)
    assert response.status_code == 200
    assert "di bawah dirinya sendiri" in response.content.decode()


def test_previews_and_status_pages_open_for_the_own_agency(world):
    from tests.portal_pages.helpers import make_announcement

    item = make_announcement(world, state="draft", title="Pratinjau Pengumuman")
    page = make_page(world, "profil", state="draft", pd=world.pd, title="Pratinjau Halaman")
    penulis = client_for(world.penulis)
    for base, title in (
        (f"/admin/announcements/announcement/{item.pk}", "Pratinjau Pengumuman"),
        (f"/admin/pages/page/{page.pk}", "Pratinjau Halaman"),
    ):
        preview = penulis.get(f"{base}/preview/")
        assert preview.status_code == 200
        html = preview.content.decode()
        assert title in html and "noindex" in html and "preview-banner" in html
        assert preview["X-Robots-Tag"] == "noindex, nofollow"
        assert penulis.get(f"{base}/workflow/").status_code == 200
        assert penulis.get(f"{base}/history/").status_code == 200
        assert client_for(world.penulis_other).get(f"{base}/preview/").status_code == 404
    status = client_for(world.redaktur).get(f"/admin/pages/page/{page.pk}/workflow/")
    assert 'name="expires"' in status.content.decode()


def test_moving_a_page_with_children_keeps_the_depth_limit(world, client):
    """Attacker finding: a page that has children, moved under a level-2 page, made
    levels 4 and 5 (404 at their addresses, yet listed in the sitemap)."""
    redaktur = client_for(world.redaktur)
    top = make_page(world, "tentang")
    second = make_page(world, "bidang", parent=top)
    moved = make_page(world, "seksi", title="Seksi")
    make_page(world, "subseksi", parent=moved)
    change = f"/admin/pages/page/{moved.pk}/change/"
    data = read_form(redaktur.get(change).content, "page_form")
    data.update(parent=str(second.pk), _continue="1")
    response = redaktur.post(change, data)
    assert response.status_code == 200
    assert "bertingkat 3" in response.content.decode()
    moved.refresh_from_db()
    assert moved.parent_id is None
    # A level-3 page is listed; a level-4 page that exists anyway (older data) is not.
    leaf = make_page(world, "unit", title="Unit")
    Page.objects.filter(pk=leaf.pk).update(parent=second)
    Page.objects.filter(pk=moved.pk).update(parent=leaf)
    sitemap = client.get("/sitemap-halaman.xml").content.decode()
    assert "/halaman/tentang/bidang/unit/" in sitemap
    assert "/seksi/" not in sitemap
