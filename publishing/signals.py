"""Signals the publishing core sends, so other parts (audit log, caches) can listen
without the core importing them or them importing a content app."""

from django.dispatch import Signal

# Sent after a status change or approval is written to the log, inside the
# transaction. Arguments: instance (the content object), action (step name),
# actor (user or None), comment, from_status, to_status.
transition_done = Signal()
