"""RSS 2.0 and Atom feeds of the agenda (site-wide and per PD): live events that have not
ended, newest announced first; an event leaves when it ends or is unpublished."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from perangkat_daerah.models import PerangkatDaerah
from publishing.feeds import PublishableFeedItems, StyledAtom1Feed, StyledFeed
from publishing.templatetags.indonesian import tanggal
from site_settings.models import SiteSettings

from .models import Event

ITEMS = 30


class AgendaFeed(PublishableFeedItems, StyledFeed):
    def get_object(self, request, slug=None):
        if slug is None:
            return None
        return get_object_or_404(PerangkatDaerah.objects.active(), slug=slug)

    def title(self, obj=None):
        site = SiteSettings.load().site_name
        if obj is None:
            return _("Agenda — %(site)s") % {"site": site}
        return _("Agenda of %(agency)s — %(site)s") % {"agency": obj.name, "site": site}

    def description(self, obj=None):
        return _("Upcoming events from %(site)s") % {"site": SiteSettings.load().site_name}

    subtitle = description

    def link(self, obj=None):
        if obj is None:
            return reverse("agenda:upcoming")
        return reverse("agenda:agency", kwargs={"slug": obj.slug})

    def items(self, obj=None):
        events = Event.objects.upcoming().select_related("perangkat_daerah")
        if obj is not None:
            events = events.filter(perangkat_daerah=obj)
        return list(events.order_by("-published_at", "-pk")[:ITEMS])

    def item_description(self, item):
        when = tanggal(item.starts_at, with_time=not item.all_day)
        parts = [when, item.place, item.summary]
        return " — ".join(part for part in parts if part)


class AgendaAtomFeed(AgendaFeed):
    feed_type = StyledAtom1Feed
