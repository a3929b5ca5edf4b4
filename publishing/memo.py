"""Values kept in process memory for the current content generation.

A public page carries the page cache's content token (``request.content_generation``,
publishing/page_cache.py), which changes whenever something the public can see
changes: a publication, an edit, an unpublish, a scheduled go-live or an expiry of any
registered type, and any change of what many pages show. What a page computes from
``live()`` rows alone (the home page's blocks, an article's related news, a rendered
body) is therefore the same for every request of one generation, and is computed once
per generation in each process. Off (computed every time) when there is no generation:
DEBUG, previews, the admin.
"""

import time

from django.utils import timezone

MAX_ENTRIES = 5000
_store = {}
_store_generation = None


def store_for(generation):
    """The process's memo for ``generation`` (emptied when the generation changes or the
    memo is full)."""
    global _store_generation
    if generation != _store_generation or len(_store) >= MAX_ENTRIES:
        _store.clear()
        _store_generation = generation
    return _store


def memo(generation, key, compute, ttl=None, until=None):
    """``compute()`` once per content generation in this process; always computed when
    ``generation`` is None. With ``ttl`` (seconds) also recomputed once that old (for
    what changes without a new generation, e.g. view counts). ``until(value)`` gives the
    moment (an aware datetime, or None) at which the value changes by itself, without a
    new generation (e.g. the first shown event ends): from then on it is recomputed
    (read on the clock live() reads)."""
    if generation is None:
        return compute()
    store = store_for(generation)
    entry = store.get(key)
    if entry is None or _outdated(entry):
        value = compute()
        aged = None if ttl is None else time.monotonic() + ttl
        entry = store[key] = (value, aged, until(value) if until is not None else None)
    return entry[0]


def _outdated(entry):
    _, aged, moment = entry
    if aged is not None and time.monotonic() >= aged:
        return True
    return moment is not None and timezone.now() >= moment
