from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_publishing_core"),
        ("articles", "0007_repair_tag_slugs"),
    ]

    operations = []
