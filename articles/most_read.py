"""Most read: page views counted in the cache, written to the database in batches.

Views wait in the worker (``MOST_READ_BUFFER``, at most ``BUFFER_SECONDS``) and go to
the cache in one round trip (ResilientRedisCache.incr_then_set_many): the views of one
article on one day become one *slot*, numbered by a global sequence, holding
``(article id, day, views)``. The request whose push fills the last slot of a batch
(every ``MOST_READ_BATCH`` slots) adds the batch to ``ArticleDailyViews`` with one
upsert, so under heavy traffic on a few articles the database is written far less
often than once per ``BATCH`` views, and no view is lost. ``manage.py flush_most_read``
writes the slots of the unfinished batch (run it from cron, e.g. every few minutes, on
quiet sites). Works with any Django cache backend (Redis INCR in production); counts
are analytics, so a lost cache means lost counts, never an error.
"""

import logging
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

logger = logging.getLogger(__name__)

SEQ_KEY = "mostread:views:seq"
SLOT_KEY = "mostread:views:{}"
# Until 2026-12 a slot held one view, (article id, day), numbered apart: workers of that
# release (during a deploy) keep their own numbers, and flush_pending writes what they left.
EARLIER_KEYS = ("mostread:seq", "mostread:slot:{}")
SLOT_TTL = 7 * 24 * 3600


def batch_size():
    return settings.MOST_READ_BATCH


def _next_seq():
    try:
        return cache.incr(SEQ_KEY)
    except ValueError:
        cache.add(SEQ_KEY, 0, None)
        return cache.incr(SEQ_KEY)


def count_view(article_id):
    """Record one view of an article (called for cached and uncached pages).

    Views wait in process memory until ``MOST_READ_BUFFER`` of them (or the first view
    ``BUFFER_SECONDS`` after the last push) and then go to the cache in one round trip
    once the request has been answered (``_push_when_due``),
    so a cached page hit makes no cache call of its own for counting (a view older
    than ``BUFFER_SECONDS`` is sent with the next view). A worker pushes
    what it holds when it exits (gunicorn ``worker_exit``); a killed worker loses at
    most one buffer of views (analytics, never content)."""
    slot = (article_id, timezone.localdate().isoformat())
    now = time.monotonic()
    with _lock:
        if not _buffer:
            _oldest[0] = now
        _buffer.append(slot)
    _connect_once()


def _push_when_due(**kwargs):
    """At the end of a request (after the answer was sent: Django sends request_finished
    when the server closes the response), so that pushing views and writing a batch to
    the database is never part of a page's response time."""
    with _lock:
        due = _buffer and (
            len(_buffer) >= settings.MOST_READ_BUFFER
            or time.monotonic() - _oldest[0] >= BUFFER_SECONDS
        )
    if due:
        push_buffer()


_connected = []


def _connect_once():
    if not _connected:
        from django.core.signals import request_finished

        request_finished.connect(_push_when_due, dispatch_uid="most-read-push", weak=False)
        _connected.append(True)


def push_buffer():
    """Send the views held by this process to the cache (one round trip on Redis) and
    write every batch of ``MOST_READ_BATCH`` that this completes to the database."""
    with _lock:
        views = Counter(_buffer)
        _buffer.clear()
    if not views:
        return
    slots = [(article_id, day, n) for (article_id, day), n in views.items()]
    try:
        if hasattr(cache, "incr_then_set_many"):  # Redis: one round trip
            last = cache.incr_then_set_many(SEQ_KEY, SLOT_KEY, slots, SLOT_TTL)
        else:
            for slot in slots:
                last = _next_seq()
                cache.set(SLOT_KEY.format(last), slot, SLOT_TTL)
        size = batch_size()
        first = last - len(slots) + 1
        for end in range(first, last + 1):
            if end % size == 0:
                flush_range(end - size + 1, end)
    except Exception:  # counting must never break a page
        logger.exception("Could not count page views")


_buffer = []
_oldest = [0.0]
_lock = threading.Lock()
BUFFER_SECONDS = 2.0


def flush_range(first, last, slot_key=SLOT_KEY):
    """Add the views stored in slots first..last to the database and drop the slots."""
    if last < first:
        return 0
    if hasattr(cache, "pop_numbered"):  # Redis: read and delete in one round trip
        values = cache.pop_numbered(slot_key, first, last)
    else:
        found = cache.get_many([slot_key.format(n) for n in range(first, last + 1)])
        cache.delete_many(list(found))
        values = found.values()
    counts = Counter()
    for value in values:
        if value:  # (article id, day, views); (article id, day) in EARLIER_KEYS
            counts[value[0], value[1]] += value[2] if len(value) > 2 else 1
    _write(counts)
    return sum(counts.values())


def flush_pending():
    """Write the slots not yet written (the unfinished batch, and any batch whose flush
    failed). Flushed slots are deleted, so nothing is counted twice."""
    written = 0
    for seq_key, slot_key in ((SEQ_KEY, SLOT_KEY), EARLIER_KEYS):
        seq = cache.get(seq_key) or 0
        if seq:
            written += flush_range(max(1, seq - 20 * batch_size() + 1), seq, slot_key)
    return written


def _write(counts):
    from .models import Article

    if not counts:
        return
    existing = set(
        Article.objects.filter(pk__in={article_id for article_id, _ in counts}).values_list(
            "pk", flat=True
        )
    )
    rows = [(aid, day, n) for (aid, day), n in counts.items() if aid in existing]
    if not rows:
        return
    table = "articles_articledailyviews"
    placeholders = ", ".join(["(%s, %s, %s)"] * len(rows))
    params = [value for row in rows for value in row]
    sql = (
        f"INSERT INTO {table} (article_id, day, views) VALUES {placeholders} "
        f"ON CONFLICT (article_id, day) DO UPDATE SET views = {table}.views + excluded.views"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def most_read(queryset, days=7, limit=5):
    """The most read of the given (already live) articles over the last ``days`` days."""
    since = timezone.localdate() - timedelta(days=days - 1)
    return (
        queryset.filter(daily_views__day__gte=since)
        .annotate(recent_views=Sum("daily_views__views"))
        .order_by("-recent_views", "-published_at")[:limit]
    )
