"""The editorial steps as data (DESIGN.md, "Editorial workflow"): from which states,
to which state, who may take them and whether a comment is required. Buttons,
labels, messages and the log all come from this table; publishing.workflow.perform
is the one function that carries a step out."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Status

WRITER = "writer"  # a Penulis of the item's PD, or an editor
SUBMITTER = "submitter"  # the Penulis who submitted it, or an editor
EDITOR = "editor"  # Redaktur or Administrator


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple
    target: str
    who: str
    comment_required: bool = False
    comment_label: str = ""
    needs_complete: bool = False
    needs_time: bool = False
    notifies: bool = False


STEPS = {
    step.name: step
    for step in [
        Step("submit", _("Submit for review"), (Status.DRAFT,), Status.REVIEW, WRITER,
             needs_complete=True, notifies=True),
        Step("withdraw", _("Withdraw from review"), (Status.REVIEW,), Status.DRAFT, SUBMITTER),
        Step("request_changes", _("Request changes"), (Status.REVIEW,), Status.DRAFT, EDITOR,
             comment_required=True, comment_label=_("What needs fixing (required)"), notifies=True),
        Step("publish", _("Publish now"), (Status.DRAFT, Status.REVIEW, Status.PUBLISHED),
             Status.PUBLISHED, EDITOR, needs_complete=True, notifies=True),
        Step("schedule", _("Schedule"), (Status.DRAFT, Status.REVIEW, Status.PUBLISHED),
             Status.PUBLISHED, EDITOR, needs_complete=True, needs_time=True, notifies=True),
        Step("unpublish", _("Unpublish"), (Status.PUBLISHED,), Status.ARCHIVED, EDITOR,
             comment_required=True, comment_label=_("Reason (required)"), notifies=True),
        Step("restore", _("Restore to draft"), (Status.ARCHIVED,), Status.DRAFT, EDITOR),
    ]
}  # fmt: skip

# Log entries that are not status changes: labels for the history page.
OTHER_ACTIONS = {
    "approve_revision": _("Change approved"),
    "reject_revision": _("Change sent back"),
    "restore_revision": _("Revision restored"),
    "revision_pending": _("Change proposed"),
    "import": _("Imported"),
}


def action_label(name):
    if name in STEPS:
        return STEPS[name].label
    return OTHER_ACTIONS.get(name, name)
