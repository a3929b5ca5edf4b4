"""RSS 2.0 and Atom feeds of the live announcements (ended ones leave at their minute)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from publishing.feeds import PublishableFeedItems, StyledAtom1Feed, StyledFeed
from site_settings.models import SiteSettings

from .models import Announcement

ITEMS = 30


class AnnouncementFeed(PublishableFeedItems, StyledFeed):
    def title(self):
        return _("Announcements — %(site)s") % {"site": SiteSettings.load().site_name}

    def description(self):
        return _("Announcements from %(site)s") % {"site": SiteSettings.load().site_name}

    subtitle = description

    def link(self):
        return reverse("announcements:list")

    def items(self):
        return list(
            Announcement.objects.live()
            .select_related("perangkat_daerah")
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_description(self, item):
        return item.summary or item.title


class AnnouncementAtomFeed(AnnouncementFeed):
    feed_type = StyledAtom1Feed
