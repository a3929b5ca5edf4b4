"""Demo content for trying the project: `python manage.py seed_demo` (idempotent)."""

import io
import os
import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import Article, ArticleAuthor, Category
from authors.models import Author
from media_library import pipeline
from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import ADMINISTRATOR, PENULIS, REDAKTUR
from publishing import notifications, workflow
from site_settings.models import SiteSettings

from ... import demo_content as demo

SAMPLE_SLUG = "samakan-persepsi-kominfo-dan-pd-diskominfo-perstik-kutim-gelar-bimtek"
PALETTE = [
    (11, 79, 138),
    (26, 122, 76),
    (176, 82, 24),
    (120, 48, 140),
    (30, 110, 140),
    (150, 30, 50),
]


def photo_bytes(width, height, seed, gps=False):
    """A generated photo-like JPEG (gradient and shapes); optionally with EXIF GPS like a phone."""
    rng = random.Random(seed)
    base = PALETTE[seed % len(PALETTE)]
    img = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    for y in range(0, height, 4):
        shade = y / height
        color = tuple(int(c * (1 - shade) + 230 * shade) for c in base)
        draw.rectangle([0, y, width, y + 4], fill=color)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 20, width // 6)
        tone = tuple(rng.randrange(40, 240) for _ in range(3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tone)
    out = io.BytesIO()
    exif = PILImage.Exif()
    if gps:
        exif[0x010F] = "DemoPhone"  # Make
        exif[0x8825] = {1: "S", 2: (0.0, 30.0, 0.0), 3: "E", 4: (117.0, 30.0, 0.0)}  # GPS
    img.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


class Command(BaseCommand):
    help = "Create demo content: PDs, categories, users, images and ~50 articles."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off; use --force if you mean it."
            )
        password = os.environ.get("DEMO_PASSWORD", "demo")
        with transaction.atomic():
            self.site_settings()
            pds = self.perangkat_daerah()
            categories = self.categories()
            users, created = self.users(pds, password)
            if Article.objects.filter(slug=SAMPLE_SLUG).exists():
                self.stdout.write("Demo articles already exist; nothing to add.")
            else:
                with notifications.muted():  # no inbox full of demo notices and e-mails
                    self.articles(pds, categories, users)
            with notifications.muted():
                self.other_types(pds, categories, users)
        self.print_logins(created, password)

    def other_types(self, pds, categories, users):
        """Demo content of the other content types, the one way an app adds some: its
        AppConfig names a function (``demo_seed = "app.module.function"``) taking the
        keyword arguments pds, categories, users and stdout (and ignoring others); it
        must be idempotent like this command."""
        for config in apps.get_app_configs():
            dotted = getattr(config, "demo_seed", None)
            if dotted:
                seed = import_string(dotted)
                seed(pds=pds, categories=categories, users=users, stdout=self.stdout)

    def site_settings(self):
        site = SiteSettings.load()
        if not SiteSettings.objects.filter(pk=1, office_name__gt="").exists():
            site.site_name = "Diskominfo Perstik Kutai Timur"
            site.tagline = "Berita resmi Pemerintah Kabupaten Kutai Timur"
            site.office_name = (
                "Dinas Komunikasi dan Informatika, Statistik dan Persandian Kabupaten Kutai Timur"
            )
            site.footer_text = demo.FOOTER_TEXT
            site.address = (
                "Jl. Soekarno-Hatta, Bukit Pelangi, Sangatta, Kutai Timur, Kalimantan Timur"
            )
            site.phone = "(0549) 000000"
            site.email = "diskominfo@kutaitimurkab.go.id"
            site.save()

    def perangkat_daerah(self):
        pds = []
        for order, (name, short) in enumerate(demo.PERANGKAT_DAERAH):
            pd, _ = PerangkatDaerah.objects.get_or_create(
                slug=slugify(short),
                defaults={
                    "name": name,
                    "short_name": short,
                    "order": order,
                    "description": f"{name} Kabupaten Kutai Timur.",
                },
            )
            pds.append(pd)
        return pds

    def categories(self):
        result = {}
        for order, (name, slug) in enumerate(demo.CATEGORIES):
            result[name], _ = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "order": order, "show_on_home": order < 4}
            )
        return result

    def users(self, pds, password):
        specs = [
            ("admin", "Admin Situs", ADMINISTRATOR, None, True),
            ("redaktur", "Rina Redaktur", REDAKTUR, None, False),
            ("penulis", "Putra Penulis", PENULIS, pds[0], False),
            ("penulis2", "Dewi Dinkes", PENULIS, pds[1], False),
        ]
        users, created = {}, []
        for username, full_name, group, pd, superuser in specs:
            first, last = full_name.split(" ", 1)
            user, was_created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "is_staff": True,
                    "is_superuser": superuser,
                    "email": f"{username}@example.org",
                },
            )
            if was_created:
                user.set_password(password)
                user.save()
                created.append(username)
            user.groups.add(Group.objects.get(name=group))
            if pd:
                pd.members.add(user)
            users[username] = user
        return users, created

    def articles(self, pds, categories, users):
        redaktur, penulis, penulis2 = users["redaktur"], users["penulis"], users["penulis2"]
        wak_hedir, _ = Author.objects.get_or_create(
            slug="wak-hedir", defaults={"display_name": "Wak Hedir", "perangkat_daerah": pds[0]}
        )
        bylines = {
            penulis: Author.objects.get_or_create(
                slug="putra-penulis",
                defaults={
                    "display_name": "Putra Penulis",
                    "user": penulis,
                    "perangkat_daerah": pds[0],
                },
            )[0],
            penulis2: Author.objects.get_or_create(
                slug="dewi-dinkes",
                defaults={
                    "display_name": "Dewi Dinkes",
                    "user": penulis2,
                    "perangkat_daerah": pds[1],
                },
            )[0],
        }
        photo = pipeline.ingest_image(
            SimpleUploadedFile(
                "WhatsApp Image 2024-09-02 at 14.11.22.jpeg", photo_bytes(4000, 3000, 7, gps=True)
            ),
            title="Bimtek strategi komunikasi publik di Mataram",
            alt_text="Peserta Bimtek strategi komunikasi publik mendengarkan paparan di ruang pertemuan",
            caption="Suasana Bimtek strategi komunikasi publik di Mataram, Senin (2/9/2024).",
            credit="Diskominfo Perstik Kutim",
            perangkat_daerah=pds[0],
            uploaded_by=penulis,
        )
        sample = Article.objects.create(
            title=demo.SAMPLE_TITLE,
            slug=SAMPLE_SLUG,
            seo_title="Diskominfo Perstik Kutim Gelar Bimtek Komunikasi Publik",
            dateline="MATARAM",
            lead=demo.SAMPLE_LEAD,
            body="".join(f"<p>{p}</p>" for p in demo.SAMPLE_PARAGRAPHS),
            featured_image=photo,
            category=categories["Berita"],
            perangkat_daerah=pds[0],
            created_by=penulis,
            is_featured=True,
        )
        sample.tags.add("bimtek", "kehumasan", "komunikasi publik")
        ArticleAuthor.objects.create(article=sample, author=wak_hedir)
        workflow.submit(penulis, sample)
        tz = ZoneInfo(settings.TIME_ZONE)
        workflow.publish(redaktur, sample, when=datetime(2024, 9, 2, 14, 11, tzinfo=tz))

        images = [
            pipeline.ingest_image(
                SimpleUploadedFile(f"foto-{n}.jpg", photo_bytes(1600, 1000, n)),
                title=f"Foto kegiatan {n + 1}",
                alt_text=f"Foto dokumentasi kegiatan pemerintah daerah nomor {n + 1}",
                credit="Humas Kutim",
                perangkat_daerah=pds[n % len(pds)],
                uploaded_by=redaktur,
            )
            for n in range(12)
        ]
        rng = random.Random(2024)
        now = timezone.now()
        # 36 published, 3 scheduled, 5 in review, 5 drafts, 2 unpublished.
        plan = (
            ["published"] * 36
            + ["scheduled"] * 3
            + ["review"] * 5
            + ["draft"] * 5
            + ["archived"] * 2
        )
        for index, state in enumerate(plan):
            title, category, tags = demo.TOPICS[index % len(demo.TOPICS)]
            if index >= len(demo.TOPICS):
                title = f"{title} ({index // len(demo.TOPICS) + 1})"
            writer = penulis2 if index % 3 == 0 else penulis
            pd = pds[1] if writer is penulis2 else pds[0]
            if index % 5 == 4:  # some news from the other agencies, written by the editor desk
                pd = pds[2 + index % (len(pds) - 2)]
            body = "".join(f"<p>{p}</p>" for p in rng.sample(demo.PARAGRAPHS, 3))
            article = Article.objects.create(
                title=title,
                slug=slugify(title)[:200],
                dateline=rng.choice(demo.PLACES),
                lead=f"{title}. "
                + demo.PARAGRAPHS[index % len(demo.PARAGRAPHS)].split(". ")[0]
                + ".",
                body=body,
                featured_image=images[index % len(images)],
                category=categories[category],
                perangkat_daerah=pd,
                created_by=writer,
            )
            article.tags.add(*tags)
            ArticleAuthor.objects.create(article=article, author=bylines[writer])
            if state == "draft":
                continue
            own_pd = pd.members.filter(pk=writer.pk).exists()
            workflow.submit(writer if own_pd else redaktur, article)
            if state == "review":
                continue
            if state == "scheduled":
                workflow.publish(redaktur, article, when=now + timedelta(days=index - 35))
                continue
            workflow.publish(redaktur, article, when=now - timedelta(hours=6 + index * 17))
            if state == "archived":
                workflow.unpublish(redaktur, article, "Informasi sudah tidak berlaku.")
        self.stdout.write(f"Created {Article.objects.count()} demo articles.")

    def print_logins(self, created, password):
        self.stdout.write(
            # `make demo HOST=…` passes the address the server listens on.
            self.style.SUCCESS(
                f"\nDemo logins (admin at http://{os.environ.get('HOST') or '127.0.0.1:8000'}/admin/):"
            )
        )
        for username in ("admin", "redaktur", "penulis", "penulis2"):
            shown = password if username in created else "(unchanged since first seed)"
            self.stdout.write(f"  {username:<10} {shown}")
