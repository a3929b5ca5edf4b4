"""The one upload pipeline. Admin forms, the rich-text editor and any import call
``ingest_image`` / ``ingest_document``; nothing else writes media files.

Images are identified by their content (never the name or browser-sent type),
bounded in bytes, pixels and frames, rotated per EXIF, re-encoded without any
metadata (EXIF, GPS, XMP, ICC, text chunks) as 8-bit sRGB and stored under a
generated path together with their renditions. Every failure is a
ValidationError with a message for the user, never a server error.
"""

import hashlib
import io
import struct
import uuid
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

from . import renditions
from .documents import (  # noqa: F401  (public API of the pipeline)
    DOCUMENT_CONTENT_TYPES,
    clean_document_bytes,
    sniff_document_kind,
)
from .names import check_extension, default_title

try:  # HEIC/HEIF from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    pass

ACCEPTED_IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
IMAGE_EXTENSIONS = {
    "JPEG": {"jpg", "jpeg", "jpe", "jfif"},
    "PNG": {"png"},
    "WEBP": {"webp"},
    "GIF": {"gif"},
    "HEIF": {"heic", "heif", "hif"},
}
# Between image formats the content decides (phones and chat apps rename PNG screenshots
# to .jpg): any of these names is accepted for any accepted image content.
ANY_IMAGE_EXTENSION = frozenset().union(*IMAGE_EXTENSIONS.values())
JPEG_QUALITY = 85
_SIXTEEN_BIT_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I")


@dataclass
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int
    source_hash: str
    # The normalised picture (first frame of an animation), kept for renditions.
    picture: object = field(default=None, repr=False)


def _too_big_message():
    mb = settings.MEDIA_MAX_UPLOAD_BYTES // (1024 * 1024)
    return _("The file is too large. The maximum is %(mb)s MB.") % {"mb": mb}


def read_upload(uploaded):
    """All bytes of an upload, refusing empty and oversized files before reading them whole."""
    size = getattr(uploaded, "size", None)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size is not None and size > settings.MEDIA_MAX_UPLOAD_BYTES:
        raise ValidationError(_too_big_message(), code="too_big")
    uploaded.seek(0)
    data = uploaded.read(settings.MEDIA_MAX_UPLOAD_BYTES + 1)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > settings.MEDIA_MAX_UPLOAD_BYTES:
        raise ValidationError(_too_big_message(), code="too_big")
    return data


_read_upload = read_upload  # backwards-compatible name


def content_hash(data):
    return hashlib.sha256(data).hexdigest()


def _unreadable():
    return ValidationError(
        _("This is not a supported image (JPEG, PNG, WebP, GIF or HEIC) or the file is damaged."),
        code="invalid_image",
    )


def _too_many_pixels():
    mp = settings.MEDIA_MAX_IMAGE_PIXELS // 1_000_000
    return ValidationError(
        _("The image is too large (over %(mp)s megapixels).") % {"mp": mp},
        code="too_many_pixels",
    )


def _check_bounds(img):
    max_pixels = settings.MEDIA_MAX_IMAGE_PIXELS
    if img.width * img.height > max_pixels:
        raise _too_many_pixels()
    frames = getattr(img, "n_frames", 1)
    if frames > settings.MEDIA_MAX_GIF_FRAMES:
        raise ValidationError(
            _("The animation has too many frames (maximum %(n)s).")
            % {"n": settings.MEDIA_MAX_GIF_FRAMES},
            code="too_many_frames",
        )
    # Decoding an animation costs width x height x frames: bound that too.
    if frames > 1 and img.width * img.height * frames > max_pixels:
        raise ValidationError(
            _("The animation is too large. Use fewer frames or a smaller size."),
            code="animation_too_large",
        )


def open_image(data, filename=""):
    """Identify by content, bound and fully decode; every Pillow complaint becomes a
    ValidationError. Pillow's DecompressionBombWarning is an error here."""
    old_limit = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = settings.MEDIA_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            try:
                img = PILImage.open(io.BytesIO(data), formats=ACCEPTED_IMAGE_FORMATS)
                if img.format not in IMAGE_EXTENSIONS:
                    raise _unreadable()
                check_extension(filename, ANY_IMAGE_EXTENSION)
                _check_bounds(img)
                img.load()
            except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
                raise _too_many_pixels() from None
            except ValidationError:
                raise
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
                raise _unreadable() from None
            except (MemoryError, RuntimeError, TypeError, IndexError, struct.error):
                raise _unreadable() from None
    finally:
        PILImage.MAX_IMAGE_PIXELS = old_limit
    return img


def _to_srgb(img):
    """Convert through the embedded ICC profile (Display P3, Adobe RGB, CMYK) to sRGB."""
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK"):
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            dst = ImageCms.createProfile("sRGB")
            out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(img, src, dst, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: fall back to a plain conversion below
    return img


def _normalise_mode(img):
    """8-bit L, RGB or RGBA whatever came in (16-bit, CMYK, palette, YCbCr, float)."""
    if img.mode in _SIXTEEN_BIT_MODES:
        # 16-bit greyscale: scale to 8 bits rather than clipping everything to white.
        img = img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif img.mode == "F":
        img = img.point(lambda v: v * 255).convert("L")
    if img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("LA", "PA", "La", "RGBa"):
        img = img.convert("RGBA")
    if img.mode == "1":
        img = img.convert("L")
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGB")
    if img.mode == "RGBA" and img.getchannel("A").getextrema() == (255, 255):
        img = img.convert("RGB")
    return img


def _exif_transpose(img):
    try:
        return ImageOps.exif_transpose(img)
    except (SyntaxError, ValueError, OSError, KeyError, TypeError, ZeroDivisionError):
        return img  # unreadable EXIF: keep the pixels as they are (EXIF is dropped anyway)


def _clean_animation(img, source_hash):
    frames, durations = [], []
    for index in range(img.n_frames):
        img.seek(index)
        durations.append(img.info.get("duration", 100) or 100)
        frame = img.convert("RGBA")
        frame.info = {}  # no comments or application extensions (XMP) survive
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(
        out,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        loop=0,
        duration=durations,
        disposal=2,
    )
    return CleanImage(out.getvalue(), "gif", img.width, img.height, source_hash, frames[0])


def clean_image_bytes(data, filename=""):
    """Validate and normalise raw upload bytes. Returns a CleanImage or raises ValidationError."""
    img = open_image(data, filename)
    source_hash = content_hash(data)
    try:
        if img.format == "GIF" and getattr(img, "n_frames", 1) > 1:
            return _clean_animation(img, source_hash)
        img = _exif_transpose(img)
        img = _to_srgb(img)
        img = _normalise_mode(img)
        # Pillow copies ``info`` into resized copies and writes parts of it (comment, ICC,
        # EXIF) when saving: emptying it and re-encoding drops every metadata block (EXIF,
        # GPS, XMP, camera serials, comments, PNG text chunks).
        img.info = {}
        out = io.BytesIO()
        if img.mode == "RGBA":
            img.save(out, "PNG", optimize=False, compress_level=6)
            ext = "png"
        else:
            img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            ext = "jpg"
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError):
        raise _unreadable() from None
    return CleanImage(out.getvalue(), ext, img.width, img.height, source_hash, img)


def clean_image_upload(uploaded):
    return clean_image_bytes(read_upload(uploaded), getattr(uploaded, "name", ""))


def generated_path(prefix, extension):
    """A fresh, safe storage path: never derived from the client's filename."""
    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def find_duplicate_image(uploaded_or_hash, queryset=None):
    """An already stored image with the same source bytes (or hash), if any."""
    from .models import Image

    if isinstance(uploaded_or_hash, str):
        digest = uploaded_or_hash
    else:
        digest = content_hash(read_upload(uploaded_or_hash))
    qs = queryset if queryset is not None else Image.objects.all()
    return qs.filter(content_hash=digest).order_by("pk").first()


def ingest_image(uploaded, *, title="", **fields):
    """Validate, normalise and store an uploaded image with its renditions; returns the
    saved Image. Raises ValidationError with a user-facing message."""
    from .models import Image

    clean = clean_image_upload(uploaded)
    image = Image(title=(title or default_title(getattr(uploaded, "name", "")))[:200], **fields)
    return save_clean_image(clean, image)


def save_clean_image(clean, image):
    """Store normalised bytes and all renditions for a new or existing Image
    (replacing its old file and renditions once the transaction commits)."""
    old_path = image.file.name if image.pk else None
    old_renditions = dict(image.renditions or {}) if image.pk else {}
    name = generated_path("images", clean.extension)
    path = default_storage.save(name, ContentFile(clean.content))
    new_renditions = {}
    try:
        picture = clean.picture
        if picture is None:
            picture = renditions.first_frame(PILImage.open(io.BytesIO(clean.content)))
        new_renditions = renditions.render_all(picture, path)
        image.file = path
        image.width, image.height = clean.width, clean.height
        image.file_size = len(clean.content)
        image.content_hash = clean.source_hash
        image.renditions = new_renditions
        with transaction.atomic():
            image.save()
    except Exception:
        default_storage.delete(path)
        renditions.delete_files(new_renditions)
        raise
    if old_path and old_path != path:

        def delete_old():
            default_storage.delete(old_path)
            renditions.delete_files(old_renditions)

        transaction.on_commit(delete_old)
    return image


# --- Documents -----------------------------------------------------------------


def clean_document_upload(uploaded):
    """Returns (bytes, kind) or raises ValidationError."""
    data = read_upload(uploaded)
    return data, clean_document_bytes(data, getattr(uploaded, "name", ""))


def ingest_document(uploaded, *, title="", **fields):
    from .models import Document

    data, kind = clean_document_upload(uploaded)
    title = title or default_title(getattr(uploaded, "name", ""), _("Untitled document"))
    document = Document(title=title[:200], **fields)
    return save_document(data, kind, document)


def save_document(data, kind, document):
    old_path = document.file.name if document.pk else None
    path = default_storage.save(generated_path("documents", kind), ContentFile(data))
    document.file = path
    document.kind = kind
    document.content_type = DOCUMENT_CONTENT_TYPES[kind]
    document.file_size = len(data)
    document.content_hash = content_hash(data)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        default_storage.delete(path)
        raise
    if old_path and old_path != path:
        transaction.on_commit(lambda: default_storage.delete(old_path))
    return document
