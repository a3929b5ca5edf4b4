"""The page of a background import reloads itself while it runs and stops when done
(a meta refresh: works without JavaScript), seen over HTTP by a logged-in Administrator."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from lxml import html as lxml_html

from articles.wordpress.models import ImportResult, WordPressImport
from perangkat_daerah.roles import ADMINISTRATOR
from tests.factories import make_user
from tests.html_forms import read_form, real_login

from . import wxr

ADD = "admin:articles_wordpressimport_add"


def refresh_of(response):
    """(seconds, note) of the page's meta refresh, or (None, None)."""
    assert response.status_code == 200, response.status_code
    doc = lxml_html.fromstring(response.content.decode())
    metas = doc.xpath("//head/meta[@http-equiv='refresh']")
    notes = doc.xpath("//*[@id='import-refresh']")
    if not metas:
        assert not notes
        return None, None
    return int(metas[0].get("content")), notes[0].text_content().strip()


def change_page(client, run):
    return client.get(reverse("admin:articles_wordpressimport_change", args=[run.pk]))


@pytest.mark.django_db(transaction=True)
def test_page_refreshes_while_queued_and_running_and_stops_when_done(
    client, pd, settings, tmp_path, editor
):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path
    make_user(ADMINISTRATOR, username="admin-progres")
    real_login(client, "admin-progres", "pw")
    data = read_form(client.get(reverse(ADD)), "wordpressimport_form")
    data["perangkat_daerah"] = [str(pd.pk)]
    data["export_file"] = SimpleUploadedFile(
        "ekspor.xml", wxr.export(*(wxr.post(i, f"Berita {i} Café 🚀") for i in range(1, 4)))
    )
    response = client.post(reverse(ADD), data)
    assert response.status_code == 302, response.content.decode()[:1000]
    run = WordPressImport.objects.get()

    seconds, note = refresh_of(change_page(client, run))
    assert run.state == "queued" and seconds == 5
    assert note == "Halaman ini memuat ulang sendiri setiap 5 detik selama impor berjalan."

    # What the worker writes while it runs is what the next reload shows.
    # The bar counts the report's rows, so it always agrees with the results shown.
    WordPressImport.objects.filter(pk=run.pk).update(state="running", processed=2, total=3)
    for wp_id in (1, 2):
        ImportResult.objects.create(run=run, wp_id=wp_id, kind="post", outcome="imported")
    page = change_page(client, run)
    assert refresh_of(page)[0] == 5
    progress = lxml_html.fromstring(page.content.decode()).xpath("//progress")[0]
    assert (progress.get("value"), progress.get("max")) == ("2", "3")

    WordPressImport.objects.filter(pk=run.pk).update(state="queued", processed=0, total=0)
    ImportResult.objects.filter(run=run).delete()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    run.refresh_from_db()
    assert run.state == "done" and run.processed == 3
    page = change_page(client, run)
    assert refresh_of(page) == (None, None)
    assert "Selesai" in page.content.decode()


def test_a_stopped_import_does_not_refresh(client, pd, editor):
    make_user(ADMINISTRATOR, username="admin-progres2")
    real_login(client, "admin-progres2", "pw")
    run = WordPressImport.objects.create(
        perangkat_daerah=pd, export_path="/x.xml", state="failed", message="rusak"
    )
    assert refresh_of(change_page(client, run)) == (None, None)
