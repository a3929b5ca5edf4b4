from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_merge_publishing_tags"),
        ("articles", "0007_wordpress_import"),
    ]

    operations = []
