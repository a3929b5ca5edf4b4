"""The check every admin form with a rich-text body shares (articles, pages,
announcements ...): a body may show only library photos the user may use."""

from django.utils.translation import gettext as _

from .body_images import images_not_usable_by
from .sanitize import clean_body


class RichTextBodyForm:
    """Mixed into a ModelForm that has ``self.user`` (publishing's PublishableForm).
    A Penulis typing another agency's /media/images/... address into the body would
    publish that photo and mark it "in use" (its owners could no longer change or
    delete it): refused with a form error; the typed text stays in the form."""

    rich_text_fields = ("body",)

    def clean(self):
        cleaned = super().clean()
        user = getattr(self, "user", None)
        for name in self.rich_text_fields:
            if user is None or name not in self.fields or not cleaned.get(name):
                continue
            saved = getattr(self.instance, name, "") if self.instance.pk else ""
            refused = images_not_usable_by(user, clean_body(cleaned[name]), saved)
            if refused:
                names = ", ".join(image.file.url for image in refused)
                self.add_error(
                    name,
                    _(
                        "These photos belong to another agency and cannot be used by you: "
                        "%(names)s. Remove them from the text or ask a Redaktur."
                    )
                    % {"names": names},
                )
        return cleaned
