"""Role names and the one rule for "which PDs may this user touch".

Every app scopes by these helpers, so Penulis scoping is defined once.
"""

PENULIS = "Penulis"
REDAKTUR = "Redaktur"
ADMINISTRATOR = "Administrator"
EDITOR_GROUPS = (REDAKTUR, ADMINISTRATOR)


def _group_names(user):
    cached = getattr(user, "_kominfo_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._kominfo_groups = cached
    return cached


def is_administrator(user):
    return user.is_authenticated and (user.is_superuser or ADMINISTRATOR in _group_names(user))


def is_editor(user):
    """Redaktur or Administrator: sees and may act on every PD's content."""
    return user.is_authenticated and (
        user.is_superuser or bool(_group_names(user) & set(EDITOR_GROUPS))
    )


def is_penulis(user):
    return user.is_authenticated and PENULIS in _group_names(user)


def user_pd_ids(user):
    """IDs of the PDs the user belongs to (cached on the user object per request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kominfo_pd_ids", None)
    if cached is None:
        cached = frozenset(user.perangkat_daerah.values_list("pk", flat=True))
        user._kominfo_pd_ids = cached
    return cached
