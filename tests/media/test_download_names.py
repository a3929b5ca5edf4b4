"""Documents download under a readable name taken from their title (issue 10 item 5):
ASCII ``filename`` plus RFC 5987 ``filename*`` for other letters, from the download view
and from the media server alike, and a crafted title never adds header syntax."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from media_library import pipeline
from media_library.downloads import content_disposition, download_filename
from tests.media import files

pytestmark = pytest.mark.django_db

# RFC 6266 with RFC 5987: one disposition type, then parameters made only of tokens,
# quoted strings without quotes or backslashes inside, and ext-values of attr-chars/%XX.
HEADER = re.compile(
    r'attachment; filename="[\x20\x21\x23-\x5b\x5d-\x7e]+"'
    r"(; filename\*=UTF-8''(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+)?"
)


def ingest(title, name="surat.pdf"):
    upload = SimpleUploadedFile(name, files.PDF, "application/pdf")
    return pipeline.ingest_document(upload, title=title)


def test_cafe_title_gets_an_ascii_fallback_and_a_utf8_name(client):
    document = ingest("Surat Edaran Café Ramadhan")
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="Surat Edaran Cafe Ramadhan.pdf"; '
        "filename*=UTF-8''Surat%20Edaran%20Caf%C3%A9%20Ramadhan.pdf"
    )
    assert b"".join(response.streaming_content) == files.PDF


def test_media_server_names_the_file_after_its_document_not_the_stored_hash():
    document = ingest("Pengumuman Hasil Seleksi 2025")
    stored = document.file.name.rsplit("/", 1)[-1]
    response = Client().get(document.file.url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="Pengumuman Hasil Seleksi 2025.pdf"'
    assert stored not in disposition


@pytest.mark.parametrize(
    "title",
    [
        'Laporan"; filename="evil.exe',
        "Laporan\r\nSet-Cookie: sesi=curian",
        "Laporan; filename*=UTF-8''evil.exe",
        "..\\..\\etc\\passwd",
        "Laporan\u202egpj.exe",  # right-to-left override disguising the extension
        "Data\x07Pegawai\tTahunan\x1b[31m",
    ],
)
def test_a_crafted_title_cannot_inject_header_syntax(client, title):
    document = ingest(title)
    disposition = client.get(document.get_download_url())["Content-Disposition"]
    assert HEADER.fullmatch(disposition), disposition
    assert disposition.count("filename=") == 1 and disposition.count("filename*=") <= 1
    assert "\r" not in disposition and "\n" not in disposition
    name = download_filename(title, "pdf")
    assert name.endswith(".pdf") and not re.search(r'["\\/;:\x00-\x1f\u202e]', name)


def test_names_stay_readable():
    assert download_filename("Renstra 2021-2026 (Revisi), Final", "pdf") == (
        "Renstra 2021-2026 (Revisi), Final.pdf"
    )
    assert download_filename("Jadwal.xlsx", "xlsx") == "Jadwal.xlsx"
    assert download_filename("   ", "docx") == "dokumen.docx"
    assert download_filename("中文 文件", "pdf") == "中文 文件.pdf"
    assert content_disposition("中文 文件.pdf") == (
        "attachment; filename=\"dokumen.pdf\"; filename*=UTF-8''%E4%B8%AD%E6%96%87%20%E6%96%87%E4%BB%B6.pdf"
    )
    assert len(download_filename("x" * 500, "pdf")) <= 124
    # PostgreSQL keeps no NUL in a title, but the name is safe even then
    assert download_filename("Data\x00Pegawai", "pdf") == "Data Pegawai.pdf"
