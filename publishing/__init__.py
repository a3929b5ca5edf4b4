"""The publishing core: status, transitions, revisions, pending changes and the public
visibility rule shared by every content type. Content apps import it; it imports none."""

import threading
from contextlib import contextmanager

_state = threading.local()


@contextmanager
def quiet():
    """Inside: database writes that will be rolled back (proposal previews), so page
    caches need not be invalidated for them."""
    previous = getattr(_state, "quiet", False)
    _state.quiet = True
    try:
        yield
    finally:
        _state.quiet = previous


def is_quiet():
    return getattr(_state, "quiet", False)
