"""Which articles use an image or document; deletion is refused while in use and
removes every file (original and renditions) once unused."""

import os

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from articles.models import GalleryItem
from media_library import pipeline
from media_library.models import Document, Image
from media_library.usage import MediaInUse, delete_media, file_names, find_usages
from tests.factories import make_article, make_image, make_pd
from tests.media import files

pytestmark = pytest.mark.django_db


def all_files_on_disk():
    found = set()
    for folder, _dirs, names in os.walk(settings.MEDIA_ROOT):
        found.update(os.path.join(folder, name) for name in names)
    return found


def test_usages_featured_gallery_and_body():
    pd = make_pd()
    image = make_image(pd)
    featured = make_article(pd, featured_image=image)
    gallery = make_article(pd)
    GalleryItem.objects.create(article=gallery, image=image)
    in_body = make_article(
        pd, body=f'<p>Teks</p><img src="{image.renditions_of("jpeg")[0]["url"]}" alt="x">'
    )
    unrelated = make_article(pd)
    usages = {(u.obj.pk, u.where) for u in find_usages(image)}
    assert (featured.pk, "Foto utama") in usages
    assert (gallery.pk, "Galeri") in usages
    assert (in_body.pk, "Isi") in usages
    assert unrelated.pk not in {pk for pk, _where in usages}
    assert len(usages) == 3


def test_document_usage_through_attachments():
    document = pipeline.ingest_document(SimpleUploadedFile("a.pdf", files.PDF))
    article = make_article()
    article.attachments.add(document)
    assert [(u.obj, u.where) for u in find_usages(document)] == [(article, "Lampiran")]


def test_delete_in_use_is_refused_with_the_list(on_commit):
    image = make_image()
    article = make_article(featured_image=image)
    with pytest.raises(MediaInUse) as info:
        with on_commit(execute=True):
            delete_media(image)
    assert article.title in info.value.messages[0]
    assert Image.objects.filter(pk=image.pk).exists()
    assert all(default_storage.exists(name) for name in file_names(image))


def test_body_usage_alone_also_protects():
    image = make_image()
    make_article(body=f'<p><img src="{image.file.url}" alt="x"></p>')
    with pytest.raises(MediaInUse):
        delete_media(image)


def test_deleting_unused_image_removes_file_and_all_renditions(on_commit):
    before = all_files_on_disk()
    image = make_image()
    names = file_names(image)
    assert len(names) >= 3
    paths = {default_storage.path(name) for name in names}
    assert paths <= all_files_on_disk()
    with on_commit(execute=True):
        delete_media(image)
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not any(os.path.exists(path) for path in paths)
    assert all_files_on_disk() == before  # no orphans left behind


def test_deleting_unused_document_removes_its_file(on_commit):
    document = pipeline.ingest_document(SimpleUploadedFile("a.pdf", files.PDF))
    path = default_storage.path(document.file.name)
    assert os.path.exists(path)
    with on_commit(execute=True):
        delete_media(document)
    assert not os.path.exists(path)
    assert not Document.objects.exists()


IN_MEMORY = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@override_settings(STORAGES=IN_MEMORY)
def test_whole_pipeline_on_a_non_filesystem_storage(on_commit):
    from django.core.files.storage import InMemoryStorage

    before = all_files_on_disk()
    image = pipeline.ingest_image(SimpleUploadedFile("foto.jpg", files.jpeg_with_gps(1400, 1000)))
    assert isinstance(image.file.storage._wrapped, InMemoryStorage)
    names = file_names(image)
    # Rotated to 1000x1400: widths 320, 640, 960 and 1000, in two formats, plus og.
    assert len(names) == 1 + 2 * 4 + 1 and all(default_storage.exists(n) for n in names)
    assert all_files_on_disk() == before  # nothing touched the file system

    # Renditions can be rebuilt from storage alone.
    for info in image.renditions.values():
        default_storage.delete(info["name"])
    Image.objects.filter(pk=image.pk).update(renditions={})
    call_command("generate_renditions", stdout=open(os.devnull, "w"))
    image.refresh_from_db()
    assert set(file_names(image)) == set(names)

    document = pipeline.ingest_document(SimpleUploadedFile("a.pdf", files.PDF))
    assert default_storage.exists(document.file.name)
    with on_commit(execute=True):
        delete_media(image)
        delete_media(document)
    assert not any(default_storage.exists(n) for n in names + [document.file.name])
