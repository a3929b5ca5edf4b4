"""Django admin messages re-worded in this project's catalogue (LOCALE_PATHS comes
before Django's own translations). Django's Indonesian catalogue says "menyunting
itu kembali" after adding and "mengeditnya kembali" after changing: one wording here.
Listed only so that makemessages extracts them; Django's code translates them."""

from django.utils.translation import gettext_noop

DJANGO_ADMIN_MESSAGES = [
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
]
