"""RSS 2.0 / Atom feeds that a browser shows as a readable page ("Cara berlangganan")
through the XSL stylesheet, for every content type's feeds."""

from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import SimplerXMLGenerator

# Browsers show application/rss+xml and application/atom+xml as raw text and never apply
# the stylesheet; sent as application/xml, Chromium and Firefox run the XSLT while feed
# readers (which parse the content, not the type) read the same feed.
FEED_CONTENT_TYPE = "application/xml; charset=utf-8"


class StyledRssFeed(Rss201rev2Feed):
    content_type = FEED_CONTENT_TYPE


class StyledAtom1Feed(Atom1Feed):
    """Atom with the same <?xml-stylesheet?> Django 5.2 writes for RSS only."""

    content_type = FEED_CONTENT_TYPE

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
