"""A generated 4000x3000 "phone photo": textured scene, EXIF GPS + Orientation, ~1.6 MB."""

import io
import random

from PIL import ExifTags, Image, ImageDraw, ImageFilter


def scene(width=4000, height=3000, seed=2024):
    rng = random.Random(seed)
    # Sky-to-ground gradient.
    sky = Image.linear_gradient("L").resize((width, height))
    img = Image.merge(
        "RGB",
        (
            sky.point(lambda v: 90 + v // 3),
            sky.point(lambda v: 120 + v // 4),
            sky.point(lambda v: 200 - v // 2),
        ),
    )
    draw = ImageDraw.Draw(img)
    # People, chairs, a banner: many coloured shapes with hard edges.
    for _ in range(260):
        x, y = rng.randrange(width), rng.randrange(height // 3, height)
        w, h = rng.randrange(40, 420), rng.randrange(40, 520)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        else:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
    # Sensor noise and fine texture (fabric, carpet) like a real phone photo.
    noise = Image.effect_noise((width, height), 28).filter(ImageFilter.GaussianBlur(0.6))
    texture = Image.merge("RGB", (noise, noise, noise))
    return Image.blend(img, texture, 0.25)


def exif_with_gps():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy A54"
    exif[ExifTags.IFD.GPSInfo] = {1: "S", 2: (8.0, 35.0, 24.0), 3: "E", 4: (116.0, 4.0, 48.0)}
    return exif


def phone_jpeg(quality=85):
    out = io.BytesIO()
    scene().save(out, "JPEG", quality=quality, exif=exif_with_gps())
    return out.getvalue()


if __name__ == "__main__":
    data = phone_jpeg()
    print(len(data))
