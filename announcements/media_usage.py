"""Documents named by an announcement's revisions (old versions, proposals waiting for
approval) stay "in use", so approving or restoring never meets a deleted attachment.
Registered with media_library from AnnouncementsConfig.ready()."""


def revisions_using_document(media):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils.translation import gettext_lazy as _

    from media_library.models import Document
    from media_library.usage import Usage
    from publishing.models import Revision

    from .models import Announcement

    if not isinstance(media, Document):
        return []
    revs = Revision.objects.filter(content_type=ContentType.objects.get_for_model(Announcement))
    if connection.vendor == "postgresql":
        found = revs.filter(content__attachments__contains=[media.pk])
        ids = set(found.values_list("object_id", flat=True))
    else:  # SQLite (demo): no JSON containment
        ids = {
            rev.object_id
            for rev in revs.only("object_id", "content")
            if media.pk in rev.content.get("attachments", [])
        }
    where = str(_("a revision or a change waiting for approval"))
    return [Usage(item, where) for item in Announcement.objects.filter(pk__in=ids)]
