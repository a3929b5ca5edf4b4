"""Documents: sniffed by content, size-limited, always downloaded (never rendered)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from media_library import pipeline
from media_library.models import Document
from tests.media import files

pytestmark = pytest.mark.django_db


def ingest(data, name, **fields):
    return pipeline.ingest_document(SimpleUploadedFile(name, data), **fields)


@pytest.mark.parametrize(
    "data, name, kind",
    [
        (files.PDF, "Siaran Pers.pdf", "pdf"),
        (files.ooxml("docx"), "laporan.docx", "docx"),
        (files.ooxml("xlsx"), "data.xlsx", "xlsx"),
        (files.ooxml("pptx"), "paparan.pptx", "pptx"),
        (files.odf("odt"), "surat.odt", "odt"),
        (files.odf("ods"), "tabel.ods", "ods"),
    ],
)
def test_accepted_kinds(data, name, kind):
    document = ingest(data, name)
    assert document.kind == kind
    assert document.content_type == pipeline.DOCUMENT_CONTENT_TYPES[kind]
    assert document.file.name.startswith("documents/") and document.file.name.endswith(kind)
    assert name.rsplit(".", 1)[0] not in document.file.name
    assert document.title == name.rsplit(".", 1)[0]
    assert document.file_size == len(data)


@pytest.mark.parametrize(
    "data, name, code",
    [
        (files.HTML_PAGE, "siaran.pdf", "invalid_document"),
        (files.WINDOWS_EXE, "setup.pdf", "invalid_document"),
        (files.SVG_WITH_SCRIPT, "gambar.pdf", "invalid_document"),
        (files.PDF[:40], "terpotong.pdf", "invalid_document"),
        (files.ooxml("docx", macro=True), "makro.docx", "invalid_document"),
        (files.zip_bytes({"a.txt": b"x"}), "arsip.docx", "invalid_document"),
        (files.zip_bomb_odf(), "bom.odt", "invalid_document"),
        (files.PDF, "laporan.docx", "extension_mismatch"),
        (files.PDF, "laporan.html", "extension_mismatch"),
        (b"", "kosong.pdf", "empty"),
    ],
    ids=[
        "html",
        "exe",
        "svg",
        "truncated-pdf",
        "macro",
        "plain-zip",
        "zip-bomb",
        "pdf-as-docx",
        "pdf-as-html",
        "empty",
    ],
)
def test_refused(data, name, code):
    with pytest.raises(ValidationError) as info:
        ingest(data, name)
    assert info.value.code == code
    assert info.value.messages[0]
    assert not Document.objects.exists()


@override_settings(MEDIA_MAX_UPLOAD_BYTES=100)
def test_size_limit():
    with pytest.raises(ValidationError) as info:
        ingest(files.PDF + b"%" * 200 + b"\n%%EOF\n", "besar.pdf")
    assert info.value.code == "too_big"


def test_human_size_in_indonesian():
    document = ingest(files.PDF, "a.pdf")
    document.file_size = 1_677_722
    with translation.override("id"):
        assert document.human_size == "1,6\xa0MB"


def test_download_is_an_attachment_with_nosniff(client):
    document = ingest(files.PDF, "Siaran Pers Bimtek.pdf", title="Siaran Pers Bimtek")
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Siaran Pers Bimtek.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == files.PDF


def test_download_needs_the_unguessable_key(client):
    document = ingest(files.PDF, "a.pdf")
    url = document.get_download_url().replace(document.download_key, "0" * 32)
    assert client.get(url).status_code == 404
