"""Articles move onto the publishing core: revisions, the transition log, notices and
share links become generic rows of the `publishing` app. Every existing row is kept
with its id (share-link tokens name the row id), and revision content gains the ids of
byline and gallery rows in the new snapshot format. Reversible."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

BATCH = 1000


def _authors_to_rows(value):
    rows = []
    for item in value or []:
        if isinstance(item, dict):
            rows.append(item)
        else:
            author_id, order = item[0], item[1] if len(item) > 1 else 0
            rows.append({"id": None, "author_id": author_id, "order": order})
    return rows


def _gallery_to_rows(value):
    rows = []
    for item in value or []:
        if isinstance(item, dict):
            rows.append(item)
        else:
            image_id, caption, order = (list(item) + ["", 0])[:3]
            rows.append({"id": None, "image_id": image_id, "caption": caption, "order": order})
    return rows


def _new_content(content):
    content = dict(content or {})
    if "authors" in content:
        content["authors"] = _authors_to_rows(content["authors"])
    if "gallery" in content:
        content["gallery"] = _gallery_to_rows(content["gallery"])
    return content


def _old_content(content):
    content = dict(content or {})
    if "authors" in content:
        content["authors"] = [
            [row.get("author_id"), row.get("order", 0)] for row in content["authors"]
        ]
    if "gallery" in content:
        content["gallery"] = [
            [row.get("image_id"), row.get("caption", ""), row.get("order", 0)]
            for row in content["gallery"]
        ]
    return content


def _reset_sequences(schema_editor, models_):
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), models_):
        schema_editor.execute(sql)
    if connection.vendor == "postgresql":
        # Run the deferred foreign-key checks now: the schema changes that follow in
        # this transaction cannot alter tables with pending trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _copy(source_qs, target_model, convert):
    batch = []
    for row in source_qs.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(target_model(**convert(row)))
        if len(batch) >= BATCH:
            target_model.objects.bulk_create(batch)
            batch = []
    if batch:
        target_model.objects.bulk_create(batch)


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = lambda name: apps.get_model("articles", name)  # noqa: E731
    new = lambda name: apps.get_model("publishing", name)  # noqa: E731
    ct, _ = ContentType.objects.get_or_create(app_label="articles", model="article")

    _copy(
        old("Revision").objects.all(),
        new("Revision"),
        lambda r: dict(
            id=r.id,
            content_type_id=ct.id,
            object_id=r.article_id,
            created_by_id=r.created_by_id,
            created_at=r.created_at,
            state=r.state,
            base_version=r.base_version,
            content=_new_content(r.content),
            note=r.note,
        ),
    )
    _copy(
        old("Transition").objects.all(),
        new("Transition"),
        lambda t: dict(
            id=t.id,
            content_type_id=ct.id,
            object_id=t.article_id,
            actor_id=t.actor_id,
            action=t.action,
            from_status=t.from_status,
            to_status=t.to_status,
            comment=t.comment,
            created_at=t.created_at,
        ),
    )
    _copy(
        old("Notification").objects.all(),
        new("Notification"),
        lambda n: dict(
            id=n.id,
            content_type_id=ct.id if n.article_id else None,
            object_id=n.article_id,
            user_id=n.user_id,
            action=n.action,
            message=n.message,
            comment=n.comment,
            created_at=n.created_at,
            read_at=n.read_at,
        ),
    )
    _copy(
        old("NotificationPreference").objects.all(),
        new("NotificationPreference"),
        lambda p: dict(id=p.id, user_id=p.user_id, email_enabled=p.email_enabled),
    )
    _copy(
        old("ShareLink").objects.all(),
        new("ShareLink"),
        lambda s: dict(
            id=s.id,
            content_type_id=ct.id,
            object_id=s.article_id,
            created_by_id=s.created_by_id,
            created_at=s.created_at,
            expires_at=s.expires_at,
            revoked_at=s.revoked_at,
        ),
    )
    # The live revision of published articles: the newest one that was applied.
    Revision = new("Revision")
    Article = old("Article")
    for article in Article.objects.filter(status="published").only("pk").iterator():
        revs = Revision.objects.filter(content_type_id=ct.id, object_id=article.pk)
        live = revs.filter(state__in=["saved", "approved"]).order_by("-created_at", "-pk").first()
        if live is None:
            continue
        Article.objects.filter(pk=article.pk).update(live_revision_id=live.pk)
        revs.filter(state="pending").update(based_on_id=live.pk)
    _reset_sequences(
        schema_editor,
        [new(n) for n in ("Revision", "Transition", "Notification", "NotificationPreference", "ShareLink")],
    )


def backward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = lambda name: apps.get_model("articles", name)  # noqa: E731
    new = lambda name: apps.get_model("publishing", name)  # noqa: E731
    ct = ContentType.objects.filter(app_label="articles", model="article").first()
    if ct is None:
        return
    article_ids = set(old("Article").objects.values_list("pk", flat=True))
    _copy(
        new("Revision").objects.filter(content_type_id=ct.id, object_id__in=article_ids),
        old("Revision"),
        lambda r: dict(
            id=r.id,
            article_id=r.object_id,
            created_by_id=r.created_by_id,
            created_at=r.created_at,
            state=r.state if r.state != "rejected" else "superseded",
            base_version=r.base_version,
            content=_old_content(r.content),
            note=r.note,
        ),
    )
    _copy(
        new("Transition").objects.filter(content_type_id=ct.id, object_id__in=article_ids),
        old("Transition"),
        lambda t: dict(
            id=t.id,
            article_id=t.object_id,
            actor_id=t.actor_id,
            action=t.action,
            from_status=t.from_status,
            to_status=t.to_status,
            comment=t.comment,
            created_at=t.created_at,
        ),
    )
    _copy(
        new("Notification").objects.all(),
        old("Notification"),
        lambda n: dict(
            id=n.id,
            article_id=n.object_id
            if n.content_type_id == ct.id and n.object_id in article_ids
            else None,
            user_id=n.user_id,
            action=n.action,
            message=n.message,
            comment=n.comment,
            created_at=n.created_at,
            read_at=n.read_at,
        ),
    )
    _copy(
        new("NotificationPreference").objects.all(),
        old("NotificationPreference"),
        lambda p: dict(id=p.id, user_id=p.user_id, email_enabled=p.email_enabled),
    )
    _copy(
        new("ShareLink").objects.filter(content_type_id=ct.id, object_id__in=article_ids),
        old("ShareLink"),
        lambda s: dict(
            id=s.id,
            article_id=s.object_id,
            created_by_id=s.created_by_id,
            created_at=s.created_at,
            expires_at=s.expires_at,
            revoked_at=s.revoked_at,
        ),
    )
    old("Article").objects.update(live_revision=None)
    for name in ("Revision", "Transition", "Notification", "NotificationPreference", "ShareLink"):
        new(name).objects.all().delete()
    _reset_sequences(
        schema_editor,
        [old(n) for n in ("Revision", "Transition", "Notification", "NotificationPreference", "ShareLink")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_merge_perf_tags"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("publishing", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="expires_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="Leaves every public page at this minute. Empty: never.",
                null=True,
                verbose_name="expiry time",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="publishing.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.RemoveConstraint(model_name="article", name="article_status_valid"),
        migrations.RemoveConstraint(
            model_name="article", name="published_article_has_published_at"
        ),
        migrations.RemoveConstraint(
            model_name="article", name="first_published_implies_published_at"
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="articles_article_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="articles_article_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("first_published_at__isnull", True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="articles_article_first_published_has_time",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="Notification"),
        migrations.DeleteModel(name="NotificationPreference"),
        migrations.DeleteModel(name="Revision"),
        migrations.DeleteModel(name="ShareLink"),
        migrations.DeleteModel(name="Transition"),
    ]
