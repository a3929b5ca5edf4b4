import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

SAFE_IMAGE_PATH = re.compile(r"^images/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|gif)$")
MAGIC = {"jpg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n", "gif": b"GIF8"}


def stored_bytes(name):
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def assert_safe_stored_image(image):
    """The stored file has a generated name, is the image type its extension says and
    carries nothing a browser could run; the same for every rendition."""
    assert SAFE_IMAGE_PATH.match(image.file.name), image.file.name
    data = stored_bytes(image.file.name)
    assert data.startswith(MAGIC[image.file.name.rsplit(".", 1)[1]])
    names = [image.file.name] + [info["name"] for info in image.renditions.values()]
    for name in names:
        content = stored_bytes(name).lower()
        # No EXIF block at all (GPS lives in it). Not b"gps": compressed image data
        # contains those three bytes by chance in about one large photo in twenty.
        for marker in (b"<script", b"<html", b"<svg", b"<x:xmpmeta", b"exif\x00\x00"):
            assert marker not in content, (name, marker)
    with PILImage.open(io.BytesIO(data)) as img:
        assert (img.width, img.height) == (image.width, image.height)
        assert not img.getexif()
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(img.info)
    assert image.renditions, "renditions are generated at upload"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks
