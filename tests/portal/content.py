"""One live row of every registered type, all holding one word (search, sitemaps)."""

from datetime import timedelta

from django.utils import timezone

from agenda.models import Event
from galleries.models import Album, AlbumPhoto, Video
from ppid.models import InformationEntry
from publishing import workflow
from tests.factories import make_article
from tests.portal_pages.helpers import make_announcement, make_page

from .conftest import publish

WORD = "Sangkulirang"  # one word found in every type


def article(world, title, when=None, **fields):
    item = make_article(pd=world.pd, title=title, slug=f"b-{title.lower().replace(' ', '-')}")
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    workflow.publish(world.redaktur, item, when=when or timezone.now() - timedelta(minutes=5))
    return item


def one_of_each(world):
    start = timezone.now() + timedelta(days=3)
    album = Album.objects.create(
        title=f"Foto Festival {WORD}", slug="album-festival", perangkat_daerah=world.pd
    )
    AlbumPhoto.objects.create(album=album, image=world.image)
    return {
        "berita": article(world, f"Banjir di {WORD} Surut"),
        "halaman": make_page(world, "profil-kecamatan", title=f"Profil Kecamatan {WORD}"),
        "pengumuman": make_announcement(world, title=f"Pengumuman Seleksi {WORD}"),
        "agenda": publish(
            world,
            Event.objects.create(
                title=f"Kunjungan Kerja ke {WORD}",
                slug="kunker",
                starts_at=start,
                place="Balai Desa",
                perangkat_daerah=world.pd,
            ),
        ),  # fmt: skip
        "galeri": publish(world, album),
        "video": publish(
            world,
            Video.objects.create(
                title=f"Video Pantai {WORD}",
                slug="video-pantai",
                youtube_url="https://youtu.be/dQw4w9WgXcQ",
                perangkat_daerah=world.pd,
            ),
        ),  # fmt: skip
        "dokumen": publish(
            world,
            InformationEntry.objects.create(
                title=f"Renstra Kecamatan {WORD}",
                slug="renstra",
                year=2025,
                external_url="https://jdih.example.go.id/renstra.pdf",
                perangkat_daerah=world.pd,
            ),
        ),  # fmt: skip
    }
