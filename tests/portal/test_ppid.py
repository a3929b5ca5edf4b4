"""The PPID register: filters and search, the entry page, the download counter, CSV and
print exports, and exempt (dikecualikan) entries whose file is never served publicly."""

import csv
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from media_library.models import Document
from ppid.models import DocumentType, DownloadCount, InformationEntry
from tests.factories import make_pd

from .conftest import publish

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_document(pd, title="Dokumen"):
    doc = Document(title=title, kind="pdf", content_type="application/pdf", file_size=len(PDF),
                   content_hash=title, perangkat_daerah=pd)  # fmt: skip
    doc.file.save(
        f"documents/{Document.objects.count() + 1}abcdef0123.pdf", ContentFile(PDF), save=False
    )
    doc.save()
    return doc


def make_entry(world, pd=None, **fields):
    values = {
        "title": "Renstra Diskominfo 2021-2026",
        "slug": f"entri-{InformationEntry.objects.count() + 1}",
        "kip_class": "berkala",
        "year": 2024,
        "doc_type": DocumentType.objects.get(slug="renstra"),
        "summary": "Rencana strategis lima tahun.",
        "perangkat_daerah": pd or world.pd,
    }
    if "document" not in fields:
        values["external_url"] = "https://jdih.example.go.id/dokumen.pdf"
    values.update(fields)
    return InformationEntry.objects.create(**values)


def test_filters_by_agency_class_year_type_and_search(world, client):
    other = make_pd("Dinas Kesehatan")
    publish(world, make_entry(world, title="Renstra Diskominfo", year=2024))
    publish(world, make_entry(world, pd=other, title="SOP Pelayanan Puskesmas", year=2023,
                              kip_class="setiap_saat", doc_type=DocumentType.objects.get(slug="sop")))  # fmt: skip
    make_entry(world, title="Draf DPA")

    def titles(query=""):
        html = client.get(f"/ppid/{query}").content.decode()
        return {
            t for t in ("Renstra Diskominfo", "SOP Pelayanan Puskesmas", "Draf DPA") if t in html
        }

    assert titles() == {"Renstra Diskominfo", "SOP Pelayanan Puskesmas"}
    assert titles(f"?pd={other.slug}") == {"SOP Pelayanan Puskesmas"}
    assert titles("?kelas=berkala") == {"Renstra Diskominfo"}
    assert titles("?tahun=2023") == {"SOP Pelayanan Puskesmas"}
    assert titles("?jenis=renstra") == {"Renstra Diskominfo"}
    assert titles("?q=puskesmas") == {"SOP Pelayanan Puskesmas"}
    # hostile and invalid values: a clear page, never a 500
    for query in ("?tahun=abc", "?kelas=<script>", "?q=%00", "?pd=%F0%9F%98%80", "?q=" + "x" * 500):
        response = client.get(f"/ppid/{query}")
        assert response.status_code == 200, query
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_entry_page_shows_size_type_and_counts_downloads(world, client):
    doc = make_document(world.pd, "Renstra")
    entry = publish(world, make_entry(world, document=doc))
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "PDF" in html and "Renstra Diskominfo 2021-2026" in html
    assert client.get(f"/ppid/{entry.slug}/unduh/").status_code == 405  # crawlers do not count
    for expected in (1, 2):
        response = client.post(f"/ppid/{entry.slug}/unduh/")
        assert response.status_code == 302
        assert response["Location"] == doc.get_download_url()
        assert DownloadCount.objects.get(entry=entry).count == expected
    assert client.get(doc.get_download_url()).status_code == 200


def test_exempt_entry_shows_only_title_and_legal_reason_and_its_file_is_never_served(world, client):
    doc = make_document(world.pd, "Dokumen Rahasia")
    entry = publish(
        world,
        make_entry(world, title="Hasil Penyelidikan Internal", kip_class="dikecualikan",
                   summary="RINGKASAN-RAHASIA", document=doc,
                   legal_reason="Pasal 17 huruf a UU 14/2008; uji konsekuensi PPID 2025."),
    )  # fmt: skip
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert "Hasil Penyelidikan Internal" in detail and "Pasal 17 huruf a" in detail
    assert "RINGKASAN-RAHASIA" not in detail
    assert doc.file.name not in detail and doc.get_download_url() not in detail
    listing = client.get("/ppid/").content.decode()
    assert "Pasal 17 huruf a" in listing and "RINGKASAN-RAHASIA" not in listing
    assert "Hasil Penyelidikan" not in client.get("/ppid/?q=RINGKASAN").content.decode()
    exported = client.get("/ppid/daftar-informasi-publik.csv").content.decode("utf-8-sig")
    assert "RINGKASAN-RAHASIA" not in exported and "Pasal 17 huruf a" in exported
    printed = client.get("/ppid/cetak/").content.decode()
    assert "RINGKASAN-RAHASIA" not in printed and "Pasal 17 huruf a" in printed
    # the file: not through the register, the library download URL or /media/
    assert client.post(f"/ppid/{entry.slug}/unduh/").status_code == 404
    assert client.get(doc.get_download_url()).status_code == 404
    assert client.get(f"/media/{doc.file.name}").status_code == 404
    # nor through another spelling of the same path (attacker finding: these served it)
    folder, name = doc.file.name.rsplit("/", 1)
    for variant in (
        f"/media/{doc.file.name}/",
        f"/media/{folder}//{name}",
        f"/media/./{doc.file.name}",
        f"/media/{folder.replace('/', '//', 1)}/{name}",
        f"/media/{folder}/./{name}",
    ):
        assert client.get(variant).status_code == 404, variant
        assert client.head(variant).status_code == 404, variant
    assert not DownloadCount.objects.exists()
    # newsroom staff still reach it, never cached publicly
    staff = Client()
    staff.force_login(world.redaktur)
    response = staff.get(f"/media/{doc.file.name}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_a_document_becomes_public_again_when_no_exempt_entry_uses_it(world, client):
    doc = make_document(world.pd)
    entry = make_entry(world, kip_class="dikecualikan", legal_reason="Pasal 17", document=doc)
    assert client.get(f"/media/{doc.file.name}").status_code == 404
    entry.kip_class = "berkala"
    entry.save()
    assert client.get(f"/media/{doc.file.name}").status_code == 200


def test_csv_export_parses_and_neutralises_formulas(world, client):
    publish(world, make_entry(world, title='=HYPERLINK("http://evil","klik")', summary="+1+1"))
    publish(
        world, make_entry(world, title="Perda Nomor 3 Tahun 2024 tentang Pajak Daerah — “ꦲꦏ꧀ꦱꦫ”")
    )
    response = client.get("/ppid/daftar-informasi-publik.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "No."
    assert len(rows) == 3
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://evil","klik")' in cells
    assert "Perda Nomor 3 Tahun 2024 tentang Pajak Daerah — “ꦲꦏ꧀ꦱꦫ”" in cells


def test_exempt_entry_type_agrees_between_register_print_and_csv(world, client):
    lainnya, _ = DocumentType.objects.get_or_create(
        name="Lainnya", defaults={"slug": "lainnya-uji"}
    )
    publish(world, make_entry(world, title="Data Pribadi Pegawai", kip_class="dikecualikan",
                              doc_type=lainnya, legal_reason="Pasal 17 huruf h UU 14/2008."))  # fmt: skip
    exported = client.get("/ppid/daftar-informasi-publik.csv").content.decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(exported)) if "Data Pribadi Pegawai" in r)
    assert "Lainnya" in row
    for url in ("/ppid/", "/ppid/cetak/"):
        html = client.get(url).content.decode()
        cells = html[html.index("Data Pribadi Pegawai") :].split("</tr>")[0]
        assert re.search(r"<td( data-label=\"Jenis\")?>Lainnya</td>", cells), url
