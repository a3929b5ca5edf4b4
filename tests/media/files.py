"""Generators for real, awkward and hostile upload files (no fixtures on disk)."""

import io
import struct
import zipfile
import zlib

from PIL import ExifTags, Image, PngImagePlugin

GPS_IFD = ExifTags.IFD.GPSInfo
EXIF_IFD = ExifTags.IFD.Exif
ORIENTATION = 0x0112
BODY_SERIAL = 0xA431
CAMERA_SERIAL = "SN-CAM-0042424242"


def phone_exif(orientation=6):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel X"  # Model
    exif[GPS_IFD] = {
        1: "S",
        2: (8.0, 35.0, 24.0),
        3: "E",
        4: (116.0, 4.0, 48.0),
    }
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = CAMERA_SERIAL
    return exif


def photo_like(width, height):
    """Something with real texture (JPEG of a flat colour is unrealistically small)."""
    base = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    red = Image.blend(base, noise, 0.35)
    green = Image.radial_gradient("L").resize((width, height))
    blue = Image.blend(noise, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), 0.5)
    return Image.merge("RGB", (red, green, blue))


def two_halves(width, height, left=(220, 20, 20), right=(20, 20, 220)):
    img = Image.new("RGB", (width, height), right)
    img.paste(Image.new("RGB", (width // 2, height), left), (0, 0))
    return img


def encode(img, fmt, **kwargs):
    out = io.BytesIO()
    img.save(out, fmt, **kwargs)
    return out.getvalue()


def jpeg_with_gps(width=400, height=300, orientation=6):
    """Left half red, right half blue, EXIF Orientation 6 (rotate 90° clockwise to view),
    GPS position, camera serial, XMP and a comment."""
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>GPSLatitude 8,35S</rdf:RDF></x:xmpmeta>'
    return encode(
        two_halves(width, height),
        "JPEG",
        exif=phone_exif(orientation),
        xmp=xmp,
        comment=b"secret comment",
        quality=90,
    )


def polyglot_jpeg():
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    return encode(Image.new("RGB", (64, 48), (10, 120, 10)), "JPEG", comment=html)


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_raw(width, height, bit_depth, colour_type, raw_rows):
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(raw_rows))
        + png_chunk(b"IEND", b"")
    )


def png_huge_header():
    """A 65535x65535 PNG header with a tiny body: must be refused before decoding."""
    return png_raw(65535, 65535, 8, 2, b"\x00" + b"\x00" * 30)


def decompression_bomb():
    """A real 48-megapixel bilevel PNG: a few kB on disk, 48 MB+ when decoded."""
    return encode(Image.new("1", (8000, 6000), 0), "PNG")


def png_16bit_rgb(width=32, height=16):
    """16-bit-per-channel RGB (Pillow cannot write these, so build the bytes)."""
    row = b"".join(struct.pack(">HHH", 50000, 20000, 1000) for _ in range(width))
    return png_raw(width, height, 16, 2, b"".join(b"\x00" + row for _ in range(height)))


def png_16bit_grey(width=32, height=16, value=40000):
    return encode(Image.new("I;16", (width, height), value), "PNG")


def png_with_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret location -8.59,116.08")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS secret</x:xmpmeta>")
    return encode(Image.new("RGB", (40, 30), (1, 2, 3)), "PNG", pnginfo=info)


def cmyk_jpeg():
    return encode(Image.new("CMYK", (60, 40), (0, 255, 255, 0)), "JPEG")


def animated_gif(frames, size=(4, 4)):
    colours = [(255, 0, 0), (0, 0, 255)]
    images = [Image.new("RGB", size, colours[i % 2]) for i in range(frames)]
    return encode(images[0], "GIF", save_all=True, append_images=images[1:], duration=40, loop=0)


def heic_with_gps(width=120, height=80):
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encode(two_halves(width, height), "HEIF", exif=phone_exif(1).tobytes(), quality=80)


def truncated_jpeg():
    data = encode(photo_like(300, 200), "JPEG", quality=90)
    return data[: len(data) // 2]


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


# --- documents -------------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def zip_bytes(entries, first=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'


def ooxml(kind, macro=False):
    part = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
    entries = {"[Content_Types].xml": CONTENT_TYPES, part[kind]: b"<doc/>"}
    if macro:
        entries["word/vbaProject.bin"] = b"\x00" * 10
    return zip_bytes(entries)


def odf(kind):
    mimetype = {
        "odt": b"application/vnd.oasis.opendocument.text",
        "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    }[kind]
    return zip_bytes({"content.xml": b"<office/>"}, first=("mimetype", mimetype))


def zip_bomb_odf():
    """The 'mimetype' entry inflates to 200 MB: sniffing must not decompress it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"\x00" * (200 * 1024 * 1024))
    return out.getvalue()
