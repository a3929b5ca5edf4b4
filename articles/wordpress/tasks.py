"""The background side of the import: the admin enqueues, ``manage.py db_worker`` runs."""

from django.conf import settings
from django_tasks import task


@task()
def run_import(run_id):
    from .importer import import_export
    from .models import WordPressImport

    run = WordPressImport.objects.select_related("started_by", "perangkat_daerah").get(pk=run_id)
    if run.state != WordPressImport.State.QUEUED:
        return run.state  # already run (a task delivered twice must not import twice)
    counts = import_export(run, run.started_by, jobs=settings.WORDPRESS_IMPORT_JOBS)
    return counts
