"""Demo pages and the demo menu for `seed_demo` (idempotent): the office's profile
pages, two agencies' pages and a header/footer menu linking them."""

from django.contrib.contenttypes.models import ContentType

from publishing import workflow
from site_settings.models import MenuItem

from .models import Page

SITE_PAGES = [
    # (slug, title, parent slug, summary, body)
    (
        "profil",
        "Profil",
        None,
        "Profil Dinas Komunikasi dan Informatika, Statistik dan Persandian Kabupaten Kutai Timur.",
        "<p>Dinas Komunikasi dan Informatika, Statistik dan Persandian (Diskominfo Perstik) "
        "Kabupaten Kutai Timur adalah perangkat daerah yang menyelenggarakan urusan "
        "pemerintahan bidang komunikasi dan informatika, statistik, dan persandian.</p>"
        "<p>Diskominfo Perstik mengelola portal resmi pemerintah kabupaten, layanan "
        "informasi publik, jaringan intra pemerintah, serta data statistik sektoral.</p>",
    ),
    (
        "visi-misi",
        "Visi & Misi",
        "profil",
        "Visi dan misi Diskominfo Perstik Kutai Timur.",
        "<h2>Visi</h2><p>Terwujudnya Kutai Timur yang informatif, terhubung, dan berbasis "
        "data menuju pemerintahan yang bersih dan melayani.</p><h2>Misi</h2><ol>"
        "<li>Meningkatkan kualitas layanan informasi publik yang cepat dan akurat.</li>"
        "<li>Membangun infrastruktur teknologi informasi yang merata hingga ke desa.</li>"
        "<li>Menyediakan data statistik sektoral yang terpadu dan dapat dipercaya.</li>"
        "<li>Menjamin keamanan informasi pemerintah daerah.</li></ol>",
    ),
    (
        "struktur-organisasi",
        "Struktur Organisasi",
        "profil",
        "Susunan organisasi Diskominfo Perstik Kutai Timur.",
        "<ul><li>Kepala Dinas</li><li>Sekretariat: Subbagian Umum dan Kepegawaian, "
        "Subbagian Perencanaan dan Keuangan</li><li>Bidang Informasi dan Komunikasi "
        "Publik</li><li>Bidang Aplikasi Informatika</li><li>Bidang Statistik</li>"
        "<li>Bidang Persandian dan Keamanan Informasi</li><li>Kelompok Jabatan "
        "Fungsional</li></ul>",
    ),
    (
        "tugas-fungsi",
        "Tugas & Fungsi",
        "profil",
        "Tugas pokok dan fungsi Diskominfo Perstik.",
        "<p>Membantu Bupati melaksanakan urusan pemerintahan bidang komunikasi dan "
        "informatika, bidang statistik, dan bidang persandian yang menjadi kewenangan "
        "daerah serta tugas pembantuan.</p>",
    ),
    (
        "kontak",
        "Kontak",
        None,
        "Alamat, telepon, dan surel Diskominfo Perstik Kutai Timur.",
        "<p>Jl. Soekarno-Hatta, Bukit Pelangi, Sangatta, Kutai Timur, Kalimantan Timur.</p>"
        "<p>Telepon: (0549) 000000<br>Surel: diskominfo@kutaitimurkab.go.id</p>"
        "<p>Layanan: Senin–Jumat, 08.00–16.00 WITA.</p>",
    ),
]

PD_PAGES = [
    ("profil", "Profil", "Profil singkat {name}.", "<p>{name} adalah perangkat daerah "
     "Kabupaten Kutai Timur yang melayani masyarakat sesuai tugas dan fungsinya.</p>"),
    ("visi-misi", "Visi & Misi", "Visi dan misi {name}.", "<h2>Visi</h2><p>Pelayanan "
     "publik yang prima dan terpercaya.</p><h2>Misi</h2><ol><li>Meningkatkan mutu "
     "layanan.</li><li>Memperkuat tata kelola yang transparan.</li></ol>"),
    ("struktur-organisasi", "Struktur Organisasi", "Susunan organisasi {name}.",
     "<ul><li>Kepala</li><li>Sekretariat</li><li>Bidang-bidang</li><li>UPTD</li></ul>"),
    ("kontak", "Kontak", "Alamat dan kontak {name}.", "<p>Kompleks Perkantoran Bukit "
     "Pelangi, Sangatta. Telepon (0549) 000000.</p>"),
]  # fmt: skip


def _page(editor, slug, title, summary, body, parent=None, pd=None, order=100):
    page = Page.objects.filter(slug=slug, parent=parent, perangkat_daerah=pd).first()
    if page is None:
        page = Page.objects.create(
            slug=slug,
            title=title,
            summary=summary,
            body=body,
            parent=parent,
            perangkat_daerah=pd,
            order=order,
            created_by=editor,
        )
        workflow.record_revision(editor, page)
        workflow.publish(editor, page)
    return page


def seed(*, pds, categories, users, stdout, **kwargs):
    editor = users["redaktur"]
    made = {}
    for order, (slug, title, parent, summary, body) in enumerate(SITE_PAGES):
        made[slug] = _page(editor, slug, title, summary, body, made.get(parent), None, order)
    for pd in pds[:2]:
        name = pd.name
        for order, (slug, title, summary, body) in enumerate(PD_PAGES):
            fill = {"name": name}
            _page(editor, slug, title, summary.format(**fill), body.format(**fill), None, pd, order)
    if not MenuItem.objects.exists():
        _menu(made, list(categories.values()))
    _portal_entries()
    stdout.write("Demo pages and menu are in place.")


def _menu(pages, categories):
    def item(title, order, target=None, url="", parent=None, header=True, footer=False):
        ct = ContentType.objects.get_for_model(target) if target is not None else None
        return MenuItem.objects.create(
            title=title,
            order=order,
            target_type=ct,
            target_id=target.pk if target is not None else None,
            url=url,
            parent=parent,
            in_header=header,
            in_footer=footer,
        )

    profil = item("Profil", 10, pages["profil"], footer=True)
    for order, slug in enumerate(["visi-misi", "struktur-organisasi", "tugas-fungsi"]):
        item(pages[slug].title, order, pages[slug], parent=profil)
    berita = item("Berita", 20, url="/arsip/")
    for order, category in enumerate(categories[:4]):
        item(category.name, order, category, parent=berita)
    item("Pengumuman", 30, url="/pengumuman/", footer=True)
    item("Perangkat Daerah", 40, url="/pd/")
    item("Kontak", 50, pages["kontak"], footer=True)
    item("Portal Kabupaten Kutai Timur", 60, url="https://kutaitimurkab.go.id", header=False,
         footer=True)  # fmt: skip


# The portal's own sections (paths, so this app imports none of theirs). Added to a menu
# seeded before they existed too; an entry whose address is already in the menu stays.
PORTAL_ENTRIES = (
    ("Agenda", 32, "/agenda/", False),
    ("Galeri", 34, "/galeri/", False),
    ("PPID", 36, "/ppid/", True),
)


def _portal_entries():
    for title, order, url, footer in PORTAL_ENTRIES:
        if not MenuItem.objects.filter(url=url).exists():
            MenuItem.objects.create(title=title, order=order, url=url, in_footer=footer)
