from django.core.management.base import BaseCommand

from articles import most_read


class Command(BaseCommand):
    help = "Write page views still waiting in the cache to the database (most read)."

    def handle(self, *args, **options):
        written = most_read.flush_pending()
        self.stdout.write(f"Wrote {written} page views.")
