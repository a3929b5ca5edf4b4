"""The editorial steps as data (DESIGN.md, "Editorial workflow"): from which states,
to which state, who may take them and whether a comment is required. Buttons,
labels, messages and the log all come from this table; publishing.workflow.perform
is the one function that carries a step out."""

from dataclasses import dataclass, replace

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
    # The label with the type's name where a reader expects it ("Tarik pengumuman dari
    # situs"): %(type)s is the model's verbose_name. Empty: the label reads for any type.
    typed_label: str = ""

    def label_for(self, model):
        if not self.typed_label:
            return self.label
        return self.typed_label % {"type": model._meta.verbose_name}


def for_type(steps, model):
    """The steps with their labels worded for ``model`` (buttons, messages)."""
    return [replace(step, label=step.label_for(model)) for step in steps]


STEPS = {
    step.name: step
    for step in [
        Step("submit", _("Submit for review"), (Status.DRAFT,), Status.REVIEW, WRITER,
             needs_complete=True, notifies=True, typed_label=_("Submit the %(type)s for review")),
        Step("withdraw", _("Withdraw from review"), (Status.REVIEW,), Status.DRAFT, SUBMITTER),
        Step("request_changes", _("Request changes"), (Status.REVIEW,), Status.DRAFT, EDITOR,
             comment_required=True, comment_label=_("What needs fixing (required)"), notifies=True),
        Step("publish", _("Publish now"), (Status.DRAFT, Status.REVIEW, Status.PUBLISHED),
             Status.PUBLISHED, EDITOR, needs_complete=True, notifies=True,
             typed_label=_("Publish the %(type)s now")),
        Step("schedule", _("Schedule"), (Status.DRAFT, Status.REVIEW, Status.PUBLISHED),
             Status.PUBLISHED, EDITOR, needs_complete=True, needs_time=True, notifies=True),
        Step("unpublish", _("Unpublish"), (Status.PUBLISHED,), Status.ARCHIVED, EDITOR,
             comment_required=True, comment_label=_("Reason (required)"), notifies=True,
             typed_label=_("Take the %(type)s off the site")),
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
