"""The publishing core: status, transitions, revisions, pending changes and the public
visibility rule shared by every content type. Content apps import it; it imports none."""
