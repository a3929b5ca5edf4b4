"""Demo agenda for seed_demo (realistic Kutai Timur events; idempotent)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from publishing import workflow

from .models import Event, EventCategory

EVENTS = [
    # (days from today, hour or None for all day, days long, title, place, category slug, pd index)
    (1, 8, 0, "Apel Gabungan ASN Lingkup Pemkab Kutai Timur", "Halaman Kantor Bupati, Bukit Pelangi",
     "agenda-bupati", 0),
    (2, 9, 0, "Rapat Koordinasi Percepatan Penurunan Stunting", "Ruang Meranti, Kantor Bupati",
     "agenda-bupati", 1),
    (3, 13, 0, "Bimtek Pengelolaan Website dan Media Sosial Perangkat Daerah",
     "Aula Diskominfo Perstik", "agenda-daerah", 0),
    (5, None, 2, "Pameran UMKM dan Ekonomi Kreatif Kutai Timur", "Taman Bersemi, Sangatta",
     "agenda-daerah", 8),
    (7, 19, 0, "Malam Pembukaan MTQ ke-47 Tingkat Kabupaten", "Stadion Heroes, Sangatta Utara",
     "agenda-bupati", 2),
    (9, 8, 0, "Musrenbang RKPD Kabupaten Kutai Timur Tahun 2027", "Ruang Akasia, Kantor Bappeda",
     "agenda-wakil-bupati", 4),
    (12, None, 0, "Gerakan Tanam Pohon Serentak", "Kawasan Hutan Kota Sangatta", "agenda-daerah", 9),
    (-3, 9, 0, "Sosialisasi Keterbukaan Informasi Publik bagi PPID Pembantu",
     "Aula Diskominfo Perstik", "agenda-daerah", 0),
]  # fmt: skip


def seed(*, pds, users, stdout, **kwargs):
    if Event.objects.filter(slug="apel-gabungan-asn").exists():
        return
    categories = {c.slug: c for c in EventCategory.objects.all()}
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    editor = users["redaktur"]
    for n, (days, hour, length, title, place, category, pd_index) in enumerate(EVENTS):
        start = today.replace(hour=hour or 0) + timedelta(days=days)
        event = Event.objects.create(
            title=title,
            slug="apel-gabungan-asn" if n == 0 else f"{slugify(title)[:200]}-{n}",
            summary=f"{title} di {place}.",
            description="Kegiatan ini terbuka untuk diliput media. Peserta diharapkan hadir "
            "tepat waktu dengan mengenakan pakaian dinas harian.",
            all_day=hour is None,
            starts_at=start,
            ends_at=start + timedelta(days=length, hours=0 if hour is None else 3),
            place=place,
            address="Sangatta, Kabupaten Kutai Timur, Kalimantan Timur",
            category=categories.get(category),
            perangkat_daerah=pds[pd_index],
            created_by=editor,
        )
        workflow.record_revision(editor, event)
        workflow.publish(editor, event, when=timezone.now() - timedelta(days=7))
    stdout.write(f"Created {len(EVENTS)} demo events.")
