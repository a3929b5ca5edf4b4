"""The background side of the import: the admin enqueues, ``manage.py db_worker`` runs."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def run_import(run_id):
    from .importer import import_export
    from .models import WordPressImport

    run = WordPressImport.objects.select_related("started_by", "perangkat_daerah").get(pk=run_id)
    if run.state != WordPressImport.State.QUEUED:
        return run.state  # already run (a task delivered twice must not import twice)
    try:
        return import_export(run, run.started_by, jobs=settings.WORDPRESS_IMPORT_JOBS)
    except Exception:
        # The importer records its own failures; this is for anything before it ran.
        WordPressImport.objects.filter(pk=run_id).exclude(state=WordPressImport.State.DONE).update(
            state=WordPressImport.State.FAILED, finished_at=timezone.now()
        )
        raise
