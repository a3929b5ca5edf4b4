"""Halaman: profile pages of the office and of every PD (Profil, Visi & Misi, Struktur
Organisasi, Kontak …), nested up to three levels, on the publishing core."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.models import Publishable, PublishableQuerySet
from richtext.sanitize import clean_body

MAX_DEPTH = 3
# First path segments under /pd/<slug>/ that belong to other pages of the PD.
RESERVED_PD_SLUGS = {"rss", "atom"}


class PageQuerySet(PublishableQuerySet):
    """live(), scheduled() and visible_to() come from the publishing core."""


class Page(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("Part of the address, unique among pages with the same parent."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Empty: a top-level page. At most three levels."),
    )
    perangkat_daerah = models.ForeignKey(
        "perangkat_daerah.PerangkatDaerah",
        verbose_name=_("regional agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pages",
        help_text=_("Empty: a page of the whole site (only a Redaktur can edit it)."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence for search engines and lists of sub-pages."),
    )
    body = models.TextField(_("body"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    # kept by a database trigger (migration …_search_vector); publishing.search
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PageQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "title"]
        indexes = [
            models.Index(fields=["perangkat_daerah", "parent", "slug"], name="page_path_idx")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        super().save(*args, **kwargs)

    def ancestors(self):
        """The parent chain, root first (one query per level, at most MAX_DEPTH)."""
        chain, seen, current = [], {self.pk}, self.parent
        while current is not None and current.pk not in seen and len(chain) < MAX_DEPTH:
            chain.insert(0, current)
            seen.add(current.pk)
            current = current.parent
        return chain

    def subtree_height(self):
        """Levels of sub-pages below this page (0 for a leaf; one query per level,
        stops past MAX_DEPTH), so that moving a page with children is checked too."""
        height, level = 0, [self.pk]
        while level and height <= MAX_DEPTH:
            level = list(
                Page.objects.filter(parent_id__in=level)
                .exclude(pk=self.pk)
                .values_list("pk", flat=True)
            )
            if level:
                height += 1
        return height

    def path_slugs(self, by_id=None):
        """The slugs of the address, root first. ``by_id`` ({pk: page}) avoids queries."""
        if by_id is None:
            return [p.slug for p in self.ancestors()] + [self.slug]
        slugs, current, seen = [self.slug], self, {self.pk}
        while current.parent_id and current.parent_id in by_id and current.parent_id not in seen:
            current = by_id[current.parent_id]
            seen.add(current.pk)
            slugs.insert(0, current.slug)
        return slugs

    def url_for(self, slugs, pd_slug=None):
        path = "/".join(slugs)
        if pd_slug:
            return reverse("pages:pd_page", kwargs={"pd": pd_slug, "path": path})
        return reverse("pages:page", kwargs={"path": path})

    def get_absolute_url(self, by_id=None):
        pd_slug = self.perangkat_daerah.slug if self.perangkat_daerah_id else None
        return self.url_for(self.path_slugs(by_id), pd_slug)


def placement_problems(page, parent, pd_id, slug):
    """[(field name, message)]: what is wrong with ``page`` (saved or new) at this place —
    under ``parent`` in the agency ``pd_id`` with ``slug``. The one check for the page
    form, a restored revision and an approved proposal."""
    problems = []
    if parent is not None:
        if parent.perangkat_daerah_id != pd_id:
            problems.append(("parent", _("The parent page must belong to the same agency.")))
        chain = [parent, *reversed(parent.ancestors())]
        height = page.subtree_height() if page.pk else 0
        if page.pk and any(p.pk == page.pk for p in chain):
            problems.append(("parent", _("A page cannot be placed under itself.")))
        elif len(chain) + 1 + height > MAX_DEPTH:
            message = _("Pages can be nested %(n)s levels deep at most.") % {"n": MAX_DEPTH}
            problems.append(("parent", message))
    if slug:
        if pd_id is not None and parent is None and slug in RESERVED_PD_SLUGS:
            problems.append(("slug", _("This address is reserved; choose another one.")))
        siblings = Page.objects.filter(slug=slug, parent=parent, perangkat_daerah_id=pd_id)
        if page.pk:
            siblings = siblings.exclude(pk=page.pk)
        if siblings.exists():
            problems.append(("slug", _("Another page at this place already uses this address.")))
    return problems


def content_problems(page, content):
    """placement_problems for a snapshot about to be written back (publishing.registry)."""
    parent_id = content.get("parent_id", page.parent_id)
    parent = Page.objects.filter(pk=parent_id).first() if parent_id else None
    if parent_id and parent is None:
        return []  # a deleted parent is reported by the publishing core
    pd_id = content.get("perangkat_daerah_id", page.perangkat_daerah_id)
    return [m for _f, m in placement_problems(page, parent, pd_id, content.get("slug", page.slug))]
