"""Small helpers that build real database objects for tests (no mocks)."""

import io
import itertools

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.models import Article, ArticleAuthor, Category
from authors.models import Author
from media_library import pipeline
from perangkat_daerah.models import PerangkatDaerah

_seq = itertools.count(1)


def jpeg_bytes(width=64, height=48, color=(200, 30, 30), **save_kwargs):
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(out, "JPEG", **save_kwargs)
    return out.getvalue()


def upload(name="foto.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else jpeg_bytes(), content_type)


def make_pd(name=None):
    n = next(_seq)
    name = name or f"Dinas Uji {n}"
    return PerangkatDaerah.objects.create(name=name, short_name=name, slug=f"dinas-uji-{n}")


def make_user(role, pd=None, username=None):
    username = username or f"{role.lower()}{next(_seq)}"
    user = User.objects.create_user(username, f"{username}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if pd is not None:
        pd.members.add(user)
    return user


def make_image(pd=None, alt_text="Foto uji", **fields):
    color = (next(_seq) * 37 % 256, 80, 120)
    return pipeline.ingest_image(
        upload(data=jpeg_bytes(color=color)), alt_text=alt_text, perangkat_daerah=pd, **fields
    )


def make_category(name=None):
    n = next(_seq)
    name = name or f"Kategori {n}"
    return Category.objects.create(name=name, slug=f"kategori-{n}")


def make_article(pd=None, complete=True, **fields):
    n = next(_seq)
    pd = pd or make_pd()
    values = {
        "title": f"Berita uji {n}",
        "slug": f"berita-uji-{n}",
        "perangkat_daerah": pd,
    }
    if complete:
        values.update(
            lead="Ringkasan berita uji.",
            body="<p>Isi berita uji.</p>",
            category=make_category(),
            featured_image=make_image(pd),
        )
    values.update(fields)
    return Article.objects.create(**values)


def add_byline(article, name="Wak Hedir"):
    author = Author.objects.create(display_name=name, slug=f"penulis-{next(_seq)}")
    ArticleAuthor.objects.create(article=article, author=author)
    return author
