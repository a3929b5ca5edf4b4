"""An Administrator uploads an export in the admin; the django-tasks worker imports it."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from articles.wordpress.models import WordPressImport
from perangkat_daerah.roles import ADMINISTRATOR, PENULIS, REDAKTUR
from tests.factories import make_user

from . import wxr

pytestmark = pytest.mark.django_db

ADD = "admin:articles_wordpressimport_add"


def export_upload(*items):
    items = items or (
        wxr.post(1, '=HYPERLINK("http://jahat")', "<p>Isi é</p>"),
        wxr.post(2, "Halaman", "x", post_type="page"),
    )
    return SimpleUploadedFile("ekspor.xml", wxr.export(*items), content_type="text/xml")


@pytest.fixture
def administrator(editor):
    return make_user(ADMINISTRATOR, username="admin-impor")


@pytest.mark.django_db(transaction=True)
def test_upload_queues_a_task_and_the_worker_imports(client, administrator, pd, settings, tmp_path):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path
    client.force_login(administrator)
    if True:  # the commit enqueues the task (transaction.on_commit)
        response = client.post(
            reverse(ADD), {"export_file": export_upload(), "perangkat_daerah": pd.pk}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    run = WordPressImport.objects.get()
    assert run.state == "queued" and run.started_by == administrator
    assert list((tmp_path / "exports").rglob("*.xml"))
    # Kept below WORDPRESS_IMPORT_ROOT, off the public media storage.
    assert run.export_file.path.startswith(str(tmp_path.resolve()))
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    run.refresh_from_db()
    assert run.state == "done" and run.processed == 2
    assert Article.objects.get().status == "published"
    page = client.get(reverse("admin:articles_wordpressimport_change", args=[run.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<progress" in text
    report = client.get(reverse("admin:articles_wordpressimport_report", args=[run.pk]))
    assert report["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert rows[0] == ["ID WordPress", "jenis", "judul", "hasil", "pesan", "alamat baru"]
    post_row = next(r for r in rows if r[1] == "berita")
    assert post_row[3] == "diimpor"
    assert post_row[2].startswith("'=")  # no formula runs in a spreadsheet
    # The WordPress page became a page of the agency; the report names its new address.
    page_row = next(r for r in rows if r[1] == "halaman")
    assert page_row[3:] == ["diimpor", "", f"/pd/{pd.slug}/post-2/"]
    # A task delivered twice does not import twice.
    from articles.wordpress.tasks import run_import

    run_import.call(run.pk)
    assert Article.objects.count() == 1


def test_not_an_export_is_refused_with_a_message(client, administrator, pd):
    client.force_login(administrator)
    bad = SimpleUploadedFile("ekspor.xml", b"<html><script>alert(1)</script></html>")
    response = client.post(reverse(ADD), {"export_file": bad, "perangkat_daerah": pd.pk})
    assert response.status_code == 200
    assert "bukan ekspor WordPress" in response.content.decode()
    assert not WordPressImport.objects.exists()


def test_uploads_folder_must_stay_below_the_import_root(
    client, administrator, pd, settings, tmp_path
):
    settings.WORDPRESS_IMPORT_ROOT = tmp_path / "root"
    (tmp_path / "root" / "situs-lama").mkdir(parents=True)
    client.force_login(administrator)
    response = client.post(
        reverse(ADD),
        {"export_file": export_upload(), "perangkat_daerah": pd.pk, "uploads_dir": "../../etc"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    # Where it looked is named (the import folder), no other server path is shown.
    assert "Tidak ada folder “../../etc” di dalam folder impor “root”" in text
    assert str(tmp_path) not in text
    # The README's command-line form (import folder first) works in the admin too.
    response = client.post(
        reverse(ADD),
        {
            "export_file": export_upload(),
            "perangkat_daerah": pd.pk,
            "uploads_dir": "root/situs-lama",
        },
    )
    assert response.status_code == 302
    assert WordPressImport.objects.get().uploads_dir == str(
        (tmp_path / "root" / "situs-lama").resolve()
    )


@pytest.mark.parametrize("role", [REDAKTUR, PENULIS])
def test_only_administrators(client, pd, role, editor):
    user = make_user(role, pd)
    client.force_login(user)
    assert client.get(reverse(ADD)).status_code == 403
    for url in (reverse("admin:articles_wordpressimport_changelist"), reverse(ADD)):
        response = client.get(url)
        assert response.status_code == 403
        text = response.content.decode()
        assert "Hanya Administrator yang boleh menjalankan impor WordPress." in text
        assert "PD lain" not in text
    response = client.post(
        reverse(ADD), {"export_file": export_upload(), "perangkat_daerah": pd.pk}
    )
    assert response.status_code == 403
    assert not WordPressImport.objects.exists()
    run = WordPressImport.objects.create(perangkat_daerah=pd, export_path="/x.xml")
    assert client.get(
        reverse("admin:articles_wordpressimport_report", args=[run.pk])
    ).status_code in (403, 404)
