"""The import's admin pages as an Administrator sees them over HTTP: the add form,
the page of a run (local time, original file name), the list and the delete page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles.wordpress.models import ImportResult, WordPressImport
from perangkat_daerah.roles import ADMINISTRATOR
from tests.factories import make_user
from tests.html_forms import read_form, real_login

from . import wxr

pytestmark = pytest.mark.django_db
ADD = "admin:articles_wordpressimport_add"


@pytest.fixture
def admin_client(client, editor):
    make_user(ADMINISTRATOR, username="admin-halaman")
    real_login(client, "admin-halaman", "pw")
    return client


def test_add_form_explains_itself_and_has_one_start_button(admin_client, settings, tmp_path):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path / "wordpress-import"
    page = admin_client.get(reverse(ADD))
    doc = lxml_html.fromstring(page.content.decode())
    form = doc.get_element_by_id("wordpressimport_form")
    buttons = [b.get("value") for b in form.xpath(".//input[@type='submit']|.//button")]
    assert buttons == ["Mulai impor"]
    help_uploads = form.xpath(".//*[@id='id_uploads_dir_helptext']")[0].text_content()
    assert "WORDPRESS_IMPORT_ROOT" in help_uploads and "“wordpress-import”" in help_uploads
    assert "situs-lama/uploads" in help_uploads and str(tmp_path) not in help_uploads
    help_dry = form.xpath(".//*[@id='id_dry_run_helptext']")[0].text_content()
    assert "tanpa menyimpan" in help_dry
    # The PD is chosen here, not edited: no add/change/delete/view links beside it.
    assert not form.xpath(".//a[contains(@class, 'related-widget-wrapper-link')]")


def test_run_page_shows_local_time_and_the_uploaded_name(admin_client, pd, settings, tmp_path):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path
    data = read_form(admin_client.get(reverse(ADD)), "wordpressimport_form")
    data["perangkat_daerah"] = [str(pd.pk)]
    data["export_file"] = SimpleUploadedFile("situs-lama.xml", wxr.export(wxr.post(1, "Satu")))
    response = admin_client.post(reverse(ADD), data, follow=True)
    run = WordPressImport.objects.get()
    local = timezone.localtime(run.created_at)
    assert local.utcoffset().total_seconds() == 8 * 3600  # WITA
    expected = f"situs-lama.xml ({local:%Y-%m-%d %H:%M})"
    assert expected in response.content.decode()  # the success message
    page = admin_client.get(reverse("admin:articles_wordpressimport_change", args=[run.pk]))
    doc = lxml_html.fromstring(page.content.decode())
    assert expected in doc.xpath("//title")[0].text_content()
    assert expected in doc.xpath("//*[contains(@class, 'breadcrumbs')]")[0].text_content()
    site = doc.xpath("//*[contains(@class, 'field-old_site')]//*[@class='readonly']")[0]
    assert site.text_content().strip() == "situs-lama.xml"  # not "-" before the run


def test_list_shows_dry_runs(admin_client, pd):
    WordPressImport.objects.create(perangkat_daerah=pd, export_path="/x/uji.xml", dry_run=True)
    page = admin_client.get(reverse("admin:articles_wordpressimport_changelist"))
    doc = lxml_html.fromstring(page.content.decode())
    assert doc.xpath("//th[contains(@class, 'column-dry_run')]")
    assert doc.xpath("//td[contains(@class, 'field-dry_run')]//img[@alt='True']")


def test_delete_page_says_what_stays_without_listing_every_row(admin_client, pd):
    run = WordPressImport.objects.create(perangkat_daerah=pd, export_path="/x/ekspor.xml")
    ImportResult.objects.bulk_create(
        ImportResult(run=run, wp_id=n, kind="category", outcome="imported") for n in range(40)
    )
    url = reverse("admin:articles_wordpressimport_delete", args=[run.pk])
    page = admin_client.get(url)
    content = lxml_html.fromstring(page.content.decode()).get_element_by_id("content")
    text = content.text_content()
    assert "(40 baris)" in text and "tetap ada" in text and "alamat lama" in text
    assert "Hasil impor" not in text and "kategori 1" not in text
    assert len(content.xpath(".//li")) < 10
    data = read_form(page)
    assert admin_client.post(url, data).status_code == 302
    assert not WordPressImport.objects.exists()
