from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_merge_wordpress_import"),
        ("articles", "0007_public_list_indexes"),
    ]

    operations = []
