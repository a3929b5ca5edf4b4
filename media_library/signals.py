"""No orphan files: when an Image or Document row is deleted (admin, queryset,
cascade), its stored file and every rendition are removed after the commit."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Document, Image
from .usage import file_names


@receiver(post_delete, sender=Image, dispatch_uid="media_library_image_files")
@receiver(post_delete, sender=Document, dispatch_uid="media_library_document_files")
def delete_files(sender, instance, **kwargs):
    names = file_names(instance)
    storage = instance.file.storage

    def remove():
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)
