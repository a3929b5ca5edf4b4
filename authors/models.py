from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perangkat_daerah.roles import is_editor, user_pd_ids


class AuthorQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Editors see every byline; a Penulis their own PDs' and the shared ones that
        belong to no PD (another PD's answer 404)."""
        if is_editor(user):
            return self
        return self.filter(
            models.Q(perangkat_daerah__in=user_pd_ids(user)) | models.Q(perangkat_daerah=None)
        )

    def own_pd_first(self, user):
        """The user's own agencies' writers first, then the rest by name."""
        own = models.Q(perangkat_daerah__in=user_pd_ids(user))
        return self.annotate(
            other_pd=models.Case(
                models.When(own, then=0), default=1, output_field=models.IntegerField()
            )
        ).order_by("other_pd", "display_name", "pk")


class Author(models.Model):
    """A public byline. It may name a writer who has no user account."""

    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    photo = models.ImageField(_("photo"), upload_to="authors/", blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authors",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("Optional: link the byline to the writer's account."),
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("writer")
        verbose_name_plural = _("writers")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name
