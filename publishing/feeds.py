"""RSS 2.0 / Atom feeds that a browser shows as a readable page ("Cara berlangganan")
through the XSL stylesheet, for every content type's feeds."""

from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import SimplerXMLGenerator

from .templatetags.indonesian import tanggal

# Browsers show application/rss+xml and application/atom+xml as raw text and never apply
# the stylesheet; sent as application/xml, Chromium and Firefox run the XSLT while feed
# readers (which parse the content, not the type) read the same feed.
FEED_CONTENT_TYPE = "application/xml; charset=utf-8"


# The stylesheet runs in the browser with XSLT 1.0, which has no dates: it cannot turn
# "Mon, 02 Sep 2024 06:11:00 +0000" into the site's "Senin, 2 September 2024 14:11 WITA"
# (time zone, day and month names). So each item also carries that text, made by the one
# Indonesian date formatter, in an element of our own namespace; feed readers ignore
# unknown namespaced elements, and pubDate/updated stay exactly as the standards want.
DATE_NAMESPACE = "urn:kominfo-cms:feed"
DATE_ELEMENT = "k:tanggal"


def _add_display_date(handler, item):
    when = item.get("pubdate") or item.get("updateddate")
    if when:
        handler.addQuickElement(DATE_ELEMENT, tanggal(when))


class StyledRssFeed(Rss201rev2Feed):
    content_type = FEED_CONTENT_TYPE

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:k": DATE_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_display_date(handler, item)


class StyledAtom1Feed(Atom1Feed):
    """Atom with the same <?xml-stylesheet?> Django 5.2 writes for RSS only."""

    content_type = FEED_CONTENT_TYPE

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:k": DATE_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_display_date(handler, item)

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class StyledFeed(Feed):
    """RSS by default; a subclass sets ``feed_type = StyledAtom1Feed`` for Atom."""

    feed_type = StyledRssFeed

    def stylesheets(self, obj=None):
        # Opened in a browser, the feed shows as a readable page explaining how to subscribe.
        return [static("feeds/feed.xsl")]


class PublishableFeedItems:
    """The item fields every type's feed shares: its own page, its publication and last
    change, and the agency (PD) as the author. Needs ``perangkat_daerah`` selected."""

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return item.perangkat_daerah.short_name or item.perangkat_daerah.name
