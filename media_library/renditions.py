"""Renditions: resized copies of an image, generated once and stored.

The list of renditions lives on the Image itself (``Image.renditions``, a JSON
mapping spec -> {name, width, height, bytes}) so that rendering a picture on a
public page needs no database query at all.

Specs: ``webp-<w>`` and ``jpeg-<w>`` for every target width (never wider than the
source: a narrow image gets one rendition at its own width), and ``og`` for the
1200x630 Open Graph crop (smaller when the source is too small to fill it).
"""

import io
import posixpath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

WIDTHS = (320, 640, 960, 1280, 1920)
OG_SIZE = (1200, 630)
WEBP_QUALITY = 75
JPEG_QUALITY = 80
OG_SPEC = "og"


def target_widths(source_width):
    """Widths to generate for a source of this width: never upscaled."""
    return sorted({min(width, source_width) for width in WIDTHS})


def expected_specs(source_width):
    specs = {OG_SPEC}
    for width in target_widths(source_width):
        specs.update({f"webp-{width}", f"jpeg-{width}"})
    return specs


def rendition_name(image_name, spec, extension):
    """renditions/<same folders as the original>/<original stem>/<spec>.<ext>"""
    folder, filename = posixpath.split(image_name)
    stem = filename.rsplit(".", 1)[0]
    if folder.startswith("images/"):
        folder = folder[len("images/") :]
    return posixpath.join("renditions", folder, stem, f"{spec}.{extension}")


def _flatten(img):
    """(with alpha for WebP, flattened on white for JPEG); RGB images are returned twice."""
    if img.mode == "RGB":
        return img, img
    rgba = img.convert("RGBA")
    background = PILImage.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return rgba, background


def _encode(img, fmt):
    out = io.BytesIO()
    if fmt == "webp":
        img.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _store(name, data, storage):
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(data))


def render_all(img, image_name, *, storage=None, existing=None):
    """Generate and store every missing rendition of ``img`` (a normalised PIL image,
    first frame for animations). Returns the full spec -> info mapping."""
    storage = storage or default_storage
    result = dict(existing or {})
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.getbands() else "RGB")
    wanted = expected_specs(img.width)

    # Largest first; each smaller size is resized from the previous one (much cheaper than
    # resizing the full photo every time, and visually identical with LANCZOS).
    source = img
    for width in sorted(target_widths(img.width), reverse=True):
        specs = {f"webp-{width}": "webp", f"jpeg-{width}": "jpg"}
        if all(spec in result for spec in specs):
            continue
        height = max(1, round(img.height * width / img.width))
        if (width, height) != source.size:
            source = source.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        with_alpha, flat = _flatten(source)
        for spec, ext in specs.items():
            if spec in result:
                continue
            data = _encode(
                with_alpha if ext == "webp" else flat, "webp" if ext == "webp" else "jpeg"
            )
            name = _store(rendition_name(image_name, spec, ext), data, storage)
            result[spec] = {"name": name, "width": width, "height": height, "bytes": len(data)}

    if OG_SPEC not in result:
        scale = min(1.0, img.width / OG_SIZE[0], img.height / OG_SIZE[1])
        size = (max(1, round(OG_SIZE[0] * scale)), max(1, round(OG_SIZE[1] * scale)))
        crop = ImageOps.fit(img, size, PILImage.Resampling.LANCZOS, centering=(0.5, 0.4))
        data = _encode(_flatten(crop)[1], "jpeg")
        name = _store(rendition_name(image_name, OG_SPEC, "jpg"), data, storage)
        result[OG_SPEC] = {"name": name, "width": size[0], "height": size[1], "bytes": len(data)}
    # Drop anything that is no longer a wanted spec (e.g. after a settings change).
    for spec in set(result) - wanted:
        storage.delete(result.pop(spec)["name"])
    return result


def first_frame(img):
    if getattr(img, "n_frames", 1) > 1:
        img.seek(0)
    return img


def ensure_renditions(image, *, storage=None, force=False):
    """Generate missing renditions for a saved Image (management command, first use).
    Idempotent: returns False when nothing had to be generated."""
    storage = storage or default_storage
    if not force and set(image.renditions or {}) >= expected_specs(image.width):
        return False
    existing = {} if force else image.renditions
    if force:
        delete_files(image.renditions, storage=storage)
    with storage.open(image.file.name, "rb") as handle:
        with PILImage.open(handle) as img:
            img.load()
            image.renditions = render_all(
                first_frame(img), image.file.name, storage=storage, existing=existing
            )
    image.save(update_fields=["renditions"])
    return True


def delete_files(renditions, *, storage=None):
    storage = storage or default_storage
    for info in (renditions or {}).values():
        storage.delete(info["name"])
