"""Benchmark the whole image upload pipeline on a phone-like photo (not a test).

    .venv/bin/python bench/bench_upload.py [--runs 3]

Generates a 4000x3000 JPEG with EXIF GPS and Orientation 6 (in a child process, so
generating it does not count towards this process's peak memory), then times
``pipeline.ingest_image`` end to end: sniff, bounds, decode, rotate, strip, re-encode,
store the original, 10 renditions + the Open Graph crop, and the database row.
Runs on a throwaway SQLite database and media folder (or DATABASE_URL if set).

Peak memory is reported twice: ru_maxrss (whole process high-water mark, includes
Pillow's C buffers, which tracemalloc cannot see) and tracemalloc (Python heap only).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def generate(path):
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r});"
            f"import phone_photo; open({str(path)!r}, 'wb').write(phone_photo.phone_jpeg())",
        ],
        check=True,
    )


def setup_django(workdir):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kominfo.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kominfo-bench-"))
    photo = workdir / "WhatsApp Image 2024-09-02 at 14.11.22.jpeg"
    generate(photo)
    data = photo.read_bytes()
    setup_django(workdir)

    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media_library import pipeline

    print(f"input: 4000x3000 JPEG with EXIF GPS, {len(data) / 1e6:.2f} MB")
    print(f"cpu count: {os.cpu_count()}, python {sys.version.split()[0]}")
    baseline = rss_mb()
    print(f"process RSS before the first ingest (Django loaded): {baseline:.0f} MB")
    times = []
    image = None
    for run in range(args.runs):
        upload = SimpleUploadedFile(photo.name, data, "image/jpeg")
        tracemalloc.start()
        started = time.perf_counter()
        image = pipeline.ingest_image(upload, alt_text="Peserta bimtek")
        elapsed = time.perf_counter() - started
        _current, py_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        times.append(elapsed)
        print(
            f"run {run + 1}: {elapsed:.3f} s wall, peak RSS {rss_mb():.0f} MB "
            f"(+{rss_mb() - baseline:.0f} MB over baseline), "
            f"tracemalloc peak {py_peak / 1e6:.1f} MB"
        )
    print(f"wall time: best {min(times):.3f} s, median {sorted(times)[len(times) // 2]:.3f} s")
    print(f"peak RSS of the whole process: {rss_mb():.0f} MB")
    print(f"stored original: {image.width}x{image.height}, {image.file_size / 1e3:.0f} kB")
    with default_storage.open(image.file.name) as handle:
        assert b"GPS" not in handle.read(), "GPS data survived"
    print("renditions (spec: width x height, bytes):")
    for spec, info in sorted(image.renditions.items(), key=lambda kv: (kv[0][:4], kv[1]["width"])):
        print(
            f"  {spec:10} {info['width']:>5} x {info['height']:<5} {info['bytes'] / 1024:7.1f} KiB"
        )
    # A 390-CSS-px phone, article sizes "(min-width: 960px) 960px, 100vw" -> 390 px slot:
    for dpr in (2, 3):
        need = 390 * dpr
        webp = sorted(
            (info for spec, info in image.renditions.items() if spec.startswith("webp-")),
            key=lambda info: info["width"],
        )
        pick = next((info for info in webp if info["width"] >= need), webp[-1])
        print(
            f"390-px phone at DPR {dpr}: needs {need} px -> webp-{pick['width']}, "
            f"{pick['bytes'] / 1024:.1f} KiB ({pick['bytes']} bytes)"
        )


if __name__ == "__main__":
    main()
