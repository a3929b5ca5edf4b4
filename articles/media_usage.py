"""Tell the media library which articles show an image inside their body HTML
(``<img src="/media/...">`` inserted by the editor). media_library never imports
articles; articles registers this finder from ``ArticlesConfig.ready()``."""

from django.db.models import Q


def articles_with_media_in_body(media):
    from media_library.usage import file_names

    from .models import Article

    names = file_names(media)
    if not names:
        return Article.objects.none()
    query = Q()
    for name in names:
        query |= Q(body__contains=name)
    return Article.objects.filter(query).order_by("pk")


def revisions_using_media(media):
    """Articles whose revisions (old versions, proposals waiting for approval) name the
    media object: it stays "in use" so approve and restore never meet a deleted photo."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models.fields.json import KT
    from django.utils.translation import gettext_lazy as _

    from media_library.models import Document, Image
    from media_library.usage import Usage, file_names
    from publishing.models import Revision

    from .models import Article

    revs = Revision.objects.filter(content_type=ContentType.objects.get_for_model(Article))
    if isinstance(media, Image):
        if connection.vendor == "postgresql":
            query = Q(content__featured_image_id=media.pk) | Q(
                content__gallery__contains=[{"image_id": media.pk}]
            )
            ids = set(revs.filter(query).values_list("object_id", flat=True))
        else:  # SQLite (demo): JSON containment is not available
            ids = {
                rev.object_id
                for rev in revs.only("object_id", "content")
                if rev.content.get("featured_image_id") == media.pk
                or any(row.get("image_id") == media.pk for row in rev.content.get("gallery", []))
            }
    elif isinstance(media, Document):
        if connection.vendor == "postgresql":
            ids = set(
                revs.filter(content__attachments__contains=[media.pk]).values_list(
                    "object_id", flat=True
                )
            )
        else:
            ids = {
                rev.object_id
                for rev in revs.only("object_id", "content")
                if media.pk in rev.content.get("attachments", [])
            }
    else:
        return []
    names = file_names(media)
    if names:
        body = Q()
        for name in names:
            body |= Q(body_text__contains=name)
        ids |= set(
            revs.annotate(body_text=KT("content__body"))
            .filter(body)
            .values_list("object_id", flat=True)
        )
    where = _("a revision or a change waiting for approval")
    return [Usage(article, str(where)) for article in Article.objects.filter(pk__in=ids)]
