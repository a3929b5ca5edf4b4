from django.db import migrations

CATEGORIES = [("Agenda Bupati", "agenda-bupati", 1), ("Agenda Wakil Bupati", "agenda-wakil-bupati", 2),
              ("Agenda Daerah", "agenda-daerah", 3)]  # fmt: skip


def create(apps, schema_editor):
    EventCategory = apps.get_model("agenda", "EventCategory")
    for name, slug, order in CATEGORIES:
        EventCategory.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def remove(apps, schema_editor):
    EventCategory = apps.get_model("agenda", "EventCategory")
    EventCategory.objects.filter(slug__in=[c[1] for c in CATEGORIES], events=None).delete()


class Migration(migrations.Migration):
    dependencies = [("agenda", "0002_group_permissions")]
    operations = [migrations.RunPython(create, remove)]
