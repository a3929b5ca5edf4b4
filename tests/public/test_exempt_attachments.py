"""The article page never lists a document that an exempt (dikecualikan) PPID entry
holds (issue 10 item 7), and leaving it out costs no query: the attachments prefetch
excludes it in the same statement (media_library.access.served_queryset)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from media_library.models import Document
from ppid.models import InformationEntry, KIPClass
from tests.public.test_query_budgets import BUDGETS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False


def document(title, key):
    return Document.objects.create(
        file=f"documents/{key}.pdf",
        title=title,
        kind="pdf",
        content_type="application/pdf",
        file_size=2048,
        content_hash=key,
    )


def queries_for(client, url):
    client.get(url)  # warm-up, as the query budget test does
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_exempt_attachment_is_hidden_without_an_extra_query(client, publish):
    plain = publish(slug="berita-lampiran-biasa")
    plain.attachments.add(document("Jadwal Pelayanan", "jadwal-a"), document("Formulir", "f-a"))
    mixed = publish(slug="berita-lampiran-dikecualikan", category=plain.category)
    secret = document("Data Pribadi Pegawai", "rahasia")
    mixed.attachments.add(document("Jadwal Pelayanan", "jadwal-b"), secret)
    InformationEntry.objects.create(
        title="Data Pribadi Pegawai",
        slug="data-pribadi-pegawai",
        kip_class=KIPClass.DIKECUALIKAN,
        year=2024,
        legal_reason="Pasal 17 huruf h UU 14/2008.",
        perangkat_daerah=mixed.perangkat_daerah,
        document=secret,
    )

    plain_count, _ = queries_for(client, plain.get_absolute_url())
    mixed_count, page = queries_for(client, mixed.get_absolute_url())

    assert "Jadwal Pelayanan" in page
    assert "Data Pribadi Pegawai" not in page
    assert secret.get_download_url() not in page and secret.file.url not in page
    assert mixed_count == plain_count <= BUDGETS["article"]
    assert client.get(secret.get_download_url()).status_code == 404


def test_only_exempt_documents_are_hidden(client, publish):
    article = publish(slug="berita-dengan-dokumen-ppid-terbuka")
    public = document("Renstra Diskominfo", "renstra")
    article.attachments.add(public)
    InformationEntry.objects.create(
        title="Renstra Diskominfo",
        slug="renstra-diskominfo",
        kip_class=KIPClass.BERKALA,
        year=2024,
        perangkat_daerah=article.perangkat_daerah,
        document=public,
    )
    # an exempt entry without a file must not hide everything (NOT IN with a NULL)
    InformationEntry.objects.create(
        title="Tanpa berkas",
        slug="tanpa-berkas",
        kip_class=KIPClass.DIKECUALIKAN,
        year=2024,
        legal_reason="Pasal 17.",
        perangkat_daerah=article.perangkat_daerah,
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Renstra Diskominfo" in page
    assert public.get_download_url() in page
