"""Give every tag an ASCII slug that is never empty (see articles.tag_slugs).

Tags created before had taggit's unicode slug: ``café``, ``中文`` or an empty slug for
``!!!``/emoji, and every article carrying one answered 500. Reversing keeps the repaired
slugs on purpose: the old ones are exactly what broke the pages (and no working address
ever used them, so nothing points at them)."""

import re

from django.db import migrations

from articles.tag_slugs import tag_slug

ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


def repair_tag_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        if ASCII_SLUG.match(tag.slug):
            continue
        taken.discard(tag.slug)
        slug, i = tag_slug(tag.name), 0
        while slug in taken:
            i += 1
            slug = tag_slug(tag.name, i)
        tag.slug = slug
        tag.save(update_fields=["slug"])
        taken.add(slug)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_merge_perf_tags"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(repair_tag_slugs, migrations.RunPython.noop, elidable=True),
    ]
