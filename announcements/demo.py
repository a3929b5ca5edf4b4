"""Demo announcements for `seed_demo` (idempotent): one that ends in a few hours and
one that runs for a month, the first with a PDF attachment."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from media_library import pipeline
from publishing import workflow

from .models import Announcement

ITEMS = [
    {
        "slug": "pendaftaran-pelatihan-literasi-digital-bagi-pelaku-umkm",
        "title": "Pendaftaran Pelatihan Literasi Digital bagi Pelaku UMKM",
        "summary": "Pendaftaran ditutup hari ini pukul 23.59 WITA; kuota 60 peserta.",
        "body": "<p>Diskominfo Perstik Kabupaten Kutai Timur membuka pendaftaran pelatihan "
        "literasi digital dan pemasaran daring bagi pelaku UMKM. Pelatihan berlangsung "
        "tiga hari di Gedung Serba Guna Bukit Pelangi, Sangatta.</p><ul>"
        "<li>Peserta: pelaku UMKM ber-KTP Kutai Timur</li><li>Biaya: gratis</li>"
        "<li>Syarat: membawa telepon pintar dan fotokopi NIB</li></ul>"
        "<p>Formulir pendaftaran terlampir dan diserahkan ke kantor Diskominfo Perstik.</p>",
        "ends_in": timedelta(hours=6),
        "attachment": "Formulir Pendaftaran Pelatihan UMKM",
    },
    {
        "slug": "jadwal-pelayanan-kantor-selama-libur-akhir-tahun",
        "title": "Jadwal Pelayanan Kantor selama Libur Akhir Tahun",
        "summary": "Layanan informasi publik tetap buka dengan jadwal piket selama libur.",
        "body": "<p>Selama libur akhir tahun, layanan informasi publik (PPID) dan pengaduan "
        "tetap dibuka dengan jadwal piket pukul 08.00–12.00 WITA. Permohonan informasi "
        "juga dapat diajukan melalui surel diskominfo@kutaitimurkab.go.id.</p>",
        "ends_in": timedelta(days=30),
        "attachment": None,
    },
]


def _pdf(title):
    text = title.encode("latin-1", "replace")
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"% " + text + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile("formulir.pdf", body, "application/pdf")


def seed(*, pds, users, stdout, **kwargs):
    editor = users["redaktur"]
    now = timezone.now()
    for spec in ITEMS:
        if Announcement.objects.filter(slug=spec["slug"]).exists():
            continue
        item = Announcement.objects.create(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"],
            perangkat_daerah=pds[0],
            created_by=editor,
        )
        if spec["attachment"]:
            doc = pipeline.ingest_document(
                _pdf(spec["attachment"]), title=spec["attachment"], perangkat_daerah=pds[0]
            )
            item.attachments.add(doc)
        workflow.record_revision(editor, item)
        workflow.publish(editor, item, when=now - timedelta(hours=1), expires=now + spec["ends_in"])
    stdout.write("Demo announcements are in place.")
