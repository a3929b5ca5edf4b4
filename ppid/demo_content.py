"""Demo PPID register for seed_demo (idempotent)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify

from media_library import pipeline
from publishing import workflow

from .models import DocumentType, InformationEntry

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
ENTRIES = [
    # (title, class, year, type slug, pd index, summary or legal reason, with file)
    ("Rencana Strategis Diskominfo Perstik 2021-2026", "berkala", 2021, "renstra", 0,
     "Dokumen perencanaan lima tahunan berisi visi, misi, tujuan, sasaran dan program.", True),
    ("Laporan Kinerja Instansi Pemerintah (LKjIP) Diskominfo Perstik 2024", "berkala", 2025,
     "lkjip", 0, "Capaian kinerja tahun 2024 terhadap perjanjian kinerja.", True),
    ("Dokumen Pelaksanaan Anggaran (DPA) Dinas Kesehatan 2025", "berkala", 2025, "dpa", 1,
     "Rincian anggaran belanja Dinas Kesehatan tahun anggaran 2025.", True),
    ("Peraturan Daerah Nomor 3 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah",
     "setiap_saat", 2024, "perda", 0, "Salinan resmi perda beserta lampirannya.", False),
    ("SOP Pelayanan Permohonan Informasi Publik", "setiap_saat", 2023, "sop", 0,
     "Alur, waktu dan biaya pelayanan permohonan informasi di PPID Utama.", True),
    ("Informasi Peringatan Dini Banjir Kecamatan Sangatta Utara", "serta_merta", 2025,
     "lainnya", 7, "Informasi yang dapat mengancam hajat hidup orang banyak.", False),
    ("Hasil Pemeriksaan Internal Kepegawaian", "dikecualikan", 2024, "lainnya", 0,
     "Pasal 17 huruf h UU Nomor 14 Tahun 2008: mengungkap rahasia pribadi; uji konsekuensi "
     "PPID Kabupaten Kutai Timur tanggal 12 Februari 2025.", True),
]  # fmt: skip


def seed(*, pds, users, stdout, **kwargs):
    if InformationEntry.objects.filter(slug="renstra-diskominfo-2021-2026").exists():
        return
    editor = users["redaktur"]
    types = {t.slug: t for t in DocumentType.objects.all()}
    when = timezone.now() - timedelta(days=30)
    for n, (title, kip_class, year, type_slug, pd_index, text, with_file) in enumerate(ENTRIES):
        exempt = kip_class == "dikecualikan"
        document = None
        if with_file:
            document = pipeline.ingest_document(
                SimpleUploadedFile(f"ppid-{n}.pdf", PDF, "application/pdf"),
                title=title[:200],
                perangkat_daerah=pds[pd_index],
                uploaded_by=editor,
            )
        entry = InformationEntry.objects.create(
            title=title,
            slug="renstra-diskominfo-2021-2026" if n == 0 else f"{slugify(title)[:240]}-{n}",
            kip_class=kip_class,
            year=year,
            doc_type=types.get(type_slug),
            summary="" if exempt else text,
            legal_reason=text if exempt else "",
            document=document,
            external_url="" if with_file else "https://jdih.kutaitimurkab.go.id/",
            perangkat_daerah=pds[pd_index],
            created_by=editor,
        )
        workflow.record_revision(editor, entry)
        workflow.publish(editor, entry, when=when)
    stdout.write(f"Created {len(ENTRIES)} demo entries of the public information register.")
