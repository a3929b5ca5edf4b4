"""The one upload pipeline. Admin forms, the rich-text editor and any import call
``ingest_image`` / ``ingest_document``; nothing else writes media files.

Images are identified by their content (never the name or browser-sent type),
bounded in bytes, pixels and frames, rotated per EXIF, re-encoded without any
metadata and stored under a generated path.
"""

import hashlib
import io
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

try:  # HEIC/HEIF from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    pass

ACCEPTED_IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
JPEG_QUALITY = 85


@dataclass
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int
    source_hash: str
    # The normalised picture (first frame of an animation), kept for renditions.
    picture: object = field(default=None, repr=False)


def _read_upload(uploaded):
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


def _too_big_message():
    mb = settings.MEDIA_MAX_UPLOAD_BYTES // (1024 * 1024)
    return _("The file is too large. The maximum is %(mb)s MB.") % {"mb": mb}


def _open_image(data):
    """Open and fully decode, turning every Pillow complaint into a ValidationError."""
    max_pixels = settings.MEDIA_MAX_IMAGE_PIXELS
    too_many_pixels = ValidationError(
        _("The image is too large (over %(mp)s megapixels).") % {"mp": max_pixels // 1_000_000},
        code="too_many_pixels",
    )
    unreadable = ValidationError(
        _("This is not a supported image (JPEG, PNG, WebP, GIF or HEIC) or the file is damaged."),
        code="invalid_image",
    )
    old_limit = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            try:
                img = PILImage.open(io.BytesIO(data), formats=ACCEPTED_IMAGE_FORMATS)
                if img.width * img.height > max_pixels:
                    raise too_many_pixels
                frames = getattr(img, "n_frames", 1)
                if frames > settings.MEDIA_MAX_GIF_FRAMES:
                    raise ValidationError(
                        _("The animation has too many frames (maximum %(n)s).")
                        % {"n": settings.MEDIA_MAX_GIF_FRAMES},
                        code="too_many_frames",
                    )
                img.load()
            except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
                raise too_many_pixels from None
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
                raise unreadable from None
    finally:
        PILImage.MAX_IMAGE_PIXELS = old_limit
    return img


def _to_srgb(img):
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK"):
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            dst = ImageCms.createProfile("sRGB")
            out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(img, src, dst, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to a plain conversion below
    return img


def _normalise_mode(img):
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits rather than clipping to white.
        img = img.point(lambda v: v / 256).convert("L")
    if img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("LA", "PA"):
        img = img.convert("RGBA")
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGB")
    if img.mode == "RGBA" and img.getchannel("A").getextrema() == (255, 255):
        img = img.convert("RGB")
    return img


def clean_image_bytes(data):
    """Validate and normalise raw upload bytes. Returns a CleanImage or raises ValidationError."""
    img = _open_image(data)
    source_hash = hashlib.sha256(data).hexdigest()
    animated = img.format == "GIF" and getattr(img, "n_frames", 1) > 1
    out = io.BytesIO()
    if animated:
        frames = []
        for index in range(img.n_frames):
            img.seek(index)
            frames.append(img.convert("RGBA"))
        frames[0].save(
            out,
            "GIF",
            save_all=True,
            append_images=frames[1:],
            loop=0,
            duration=img.info.get("duration", 100),
            disposal=2,
        )
        return CleanImage(out.getvalue(), "gif", img.width, img.height, source_hash, frames[0])
    img = ImageOps.exif_transpose(img)
    img = _to_srgb(img)
    img = _normalise_mode(img)
    # Re-encoding without exif/icc/info drops every metadata block (EXIF, GPS, XMP, text chunks).
    if img.mode == "RGBA":
        img.save(out, "PNG", optimize=True)
        ext = "png"
    else:
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        ext = "jpg"
    return CleanImage(out.getvalue(), ext, img.width, img.height, source_hash, img)


def clean_image_upload(uploaded):
    return clean_image_bytes(_read_upload(uploaded))


def generated_path(prefix, extension):
    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def default_title(filename):
    name = (filename or "").replace("\x00", "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0].strip() if "." in name else name.strip()
    return (stem or _("Untitled image"))[:200]


def find_duplicate_image(uploaded, queryset=None):
    """An already stored image with the same source bytes, if any."""
    from .models import Image

    data = _read_upload(uploaded)
    digest = hashlib.sha256(data).hexdigest()
    return (queryset if queryset is not None else Image.objects).filter(content_hash=digest).first()


def ingest_image(uploaded, *, title="", **fields):
    """Validate, normalise and store an uploaded image; returns the saved Image."""
    from .models import Image

    clean = clean_image_upload(uploaded)
    image = Image(title=(title or default_title(getattr(uploaded, "name", "")))[:200], **fields)
    return save_clean_image(clean, image)


def save_clean_image(clean, image):
    """Store normalised bytes and all renditions for a new or existing Image
    (replacing its old file and renditions)."""
    old_path = image.file.name if image.pk else None
    old_renditions = dict(image.renditions or {}) if image.pk else {}
    path = default_storage.save(
        generated_path("images", clean.extension), ContentFile(clean.content)
    )
    new_renditions = {}
    try:
        picture = clean.picture
        if picture is None:
            picture = PILImage.open(io.BytesIO(clean.content))
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

OOXML_KINDS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
DOCUMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def sniff_document_kind(data):
    """The document kind from its content, or None. Macro-enabled Office files are refused."""
    import zipfile

    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return ODF_KINDS.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" not in names:
                return None
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None
            for prefix, kind in OOXML_KINDS.items():
                if any(name.startswith(prefix) for name in names):
                    return kind
    except (zipfile.BadZipFile, ValueError, OSError, RuntimeError):
        return None
    return None


def clean_document_upload(uploaded):
    """Returns (bytes, kind) or raises ValidationError."""
    data = _read_upload(uploaded)
    kind = sniff_document_kind(data)
    if kind is None:
        raise ValidationError(
            _("Only PDF, DOCX, XLSX, PPTX, ODT and ODS documents can be uploaded."),
            code="invalid_document",
        )
    return data, kind


def ingest_document(uploaded, *, title="", **fields):
    from .models import Document

    data, kind = clean_document_upload(uploaded)
    document = Document(
        title=(title or default_title(getattr(uploaded, "name", "")))[:200], **fields
    )
    return save_document(data, kind, document)


def save_document(data, kind, document):
    old_path = document.file.name if document.pk else None
    path = default_storage.save(generated_path("documents", kind), ContentFile(data))
    document.file = path
    document.kind = kind
    document.content_type = DOCUMENT_CONTENT_TYPES[kind]
    document.file_size = len(data)
    document.content_hash = hashlib.sha256(data).hexdigest()
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        default_storage.delete(path)
        raise
    if old_path and old_path != path:
        transaction.on_commit(lambda: default_storage.delete(old_path))
    return document
