"""Demo albums and videos for seed_demo (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from media_library.models import Image
from publishing import workflow

from .models import Album, AlbumPhoto, Video

ALBUMS = [
    ("Peresmian Jembatan Sangatta Selatan", "peresmian-jembatan-sangatta-selatan", 3),
    ("Bimtek Kehumasan Perangkat Daerah 2024", "bimtek-kehumasan-2024", 0),
]
VIDEOS = [
    ("Profil Kabupaten Kutai Timur", "profil-kabupaten-kutai-timur",
     "https://www.youtube.com/watch?v=ScMzIvxBSi4"),
    ("Liputan Festival Magic Land Sangatta", "liputan-festival-magic-land",
     "https://youtu.be/aqz-KE-bpKQ"),
]  # fmt: skip


def seed(*, pds, users, stdout, **kwargs):
    if Album.objects.filter(slug=ALBUMS[0][1]).exists():
        return
    editor = users["redaktur"]
    when = timezone.now() - timedelta(days=2)
    images = list(Image.objects.exclude(alt_text="").order_by("pk")[:10])
    for n, (title, slug, pd_index) in enumerate(ALBUMS):
        album = Album.objects.create(
            title=title,
            slug=slug,
            description=f"Dokumentasi kegiatan: {title}.",
            taken_on=timezone.localdate() - timedelta(days=3 + n),
            perangkat_daerah=pds[pd_index],
            created_by=editor,
        )
        for order, image in enumerate(images[n * 5 : n * 5 + 5]):
            AlbumPhoto.objects.create(
                album=album, image=image, order=order, credit="Humas Diskominfo Perstik"
            )
        workflow.record_revision(editor, album)
        if album.photos.exists():
            workflow.publish(editor, album, when=when)
    for title, slug, url in VIDEOS:
        video = Video.objects.create(
            title=title,
            slug=slug,
            youtube_url=url,
            description=f"{title}, produksi Diskominfo Perstik Kutai Timur.",
            perangkat_daerah=pds[0],
            created_by=editor,
        )
        workflow.record_revision(editor, video)
        workflow.publish(editor, video, when=when)
    stdout.write(f"Created {len(ALBUMS)} demo albums and {len(VIDEOS)} demo videos.")
