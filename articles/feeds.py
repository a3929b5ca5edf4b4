"""RSS 2.0 and Atom feeds (django.contrib.syndication): whole site, per category, per PD."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from perangkat_daerah.models import PerangkatDaerah
from publishing.feeds import StyledAtom1Feed, StyledFeed
from site_settings.models import SiteSettings

from .models import Article, ArticleAuthor, Category

ITEMS = 30


class LatestFeed(StyledFeed):
    """Site-wide RSS 2.0 feed of the newest live articles."""

    def title(self, obj=None):
        site = SiteSettings.load()
        if obj is None:
            return site.site_name
        return f"{obj} — {site.site_name}"

    def description(self, obj=None):
        site = SiteSettings.load()
        return site.tagline or site.office_name or site.site_name

    subtitle = description

    def link(self, obj=None):
        return reverse("articles:home")

    def filter_articles(self, queryset, obj):
        return queryset

    def items(self, obj=None):
        queryset = (
            Article.objects.live()
            .select_related("category")
            .defer("body", "search_vector")
            .prefetch_related(
                Prefetch(
                    "articleauthor_set",
                    queryset=ArticleAuthor.objects.select_related("author"),
                    to_attr="byline_list",
                )
            )
        )
        return list(self.filter_articles(queryset, obj).order_by("-published_at", "-pk")[:ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.seo_description or item.lead

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{self.request_base}{item.get_absolute_url()}" if self.request_base else None

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        names = [byline.author.display_name for byline in item.byline_list]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []

    def __call__(self, request, *args, **kwargs):
        self.request_base = f"{request.scheme}://{request.get_host()}"
        return super().__call__(request, *args, **kwargs)


class LatestAtomFeed(LatestFeed):
    feed_type = StyledAtom1Feed


class CategoryFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def link(self, obj=None):
        return reverse("articles:category", kwargs={"slug": obj.slug})

    def description(self, obj=None):
        return obj.description or _("News in the category %(name)s") % {"name": obj.name}

    subtitle = description

    def filter_articles(self, queryset, obj):
        return queryset.filter(category=obj)


class CategoryAtomFeed(CategoryFeed):
    feed_type = StyledAtom1Feed


class AgencyFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(PerangkatDaerah.objects.active(), slug=slug)

    def link(self, obj=None):
        return reverse("articles:agency", kwargs={"slug": obj.slug})

    def description(self, obj=None):
        return _("News from %(name)s") % {"name": obj.name}

    subtitle = description

    def filter_articles(self, queryset, obj):
        return queryset.filter(perangkat_daerah=obj)


class AgencyAtomFeed(AgencyFeed):
    feed_type = StyledAtom1Feed
