from django.db import migrations

TYPES = ["Perda", "Perbup", "LKjIP", "LPPD", "Renstra", "Renja", "RKPD", "DPA", "APBD", "SOP",
         "Laporan Keuangan", "Laporan Layanan Informasi", "Lainnya"]  # fmt: skip


def create(apps, schema_editor):
    DocumentType = apps.get_model("ppid", "DocumentType")
    for order, name in enumerate(TYPES, start=1):
        slug = name.lower().replace(" ", "-")
        DocumentType.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def remove(apps, schema_editor):
    slugs = [name.lower().replace(" ", "-") for name in TYPES]
    apps.get_model("ppid", "DocumentType").objects.filter(slug__in=slugs, entries=None).delete()


class Migration(migrations.Migration):
    dependencies = [("ppid", "0002_group_permissions")]
    operations = [migrations.RunPython(create, remove)]
