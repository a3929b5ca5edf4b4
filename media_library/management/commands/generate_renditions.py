from django.core.management.base import BaseCommand

from media_library.models import Image
from media_library.renditions import ensure_renditions


class Command(BaseCommand):
    help = "Generate missing renditions for stored images (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Regenerate every rendition.")

    def handle(self, *args, force=False, **options):
        created = failed = 0
        for image in Image.objects.order_by("pk").iterator(chunk_size=100):
            try:
                created += ensure_renditions(image, force=force)
            except (OSError, ValueError) as error:  # a missing or damaged stored file
                failed += 1
                self.stderr.write(f"Image {image.pk}: {error}")
        self.stdout.write(f"Renditions generated for {created} image(s); {failed} failed.")
