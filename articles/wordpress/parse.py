"""Stream a WordPress eXtended RSS export (WXR 1.0–1.2) without loading it whole.

``read_export(path)`` yields ``(kind, data)`` pairs in file order:

* ``("site", {"title", "link", "base_site_url", "base_blog_url", "wxr_version"})`` once
  the channel header has been read (before the first author/term/item),
* ``("author", {...})``, ``("category", {...})``, ``("tag", {...})``,
* ``("item", {...})`` for every ``<item>`` (posts, pages, attachments, menus …).

Each element is dropped from the tree as soon as it has been read, so memory stays
flat whatever the size of the export. The parser refuses entity declarations
(defusedxml): an export never needs them and they are the "billion laughs" attack.
A damaged file raises :class:`ExportError` with the line, after yielding every
complete item before the damage.
"""

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from django.utils.translation import gettext as _

CHANNEL_FIELDS = {"title", "link", "wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"}


class ExportError(Exception):
    """The export cannot be read (further); the message is for the user."""


def _short(tag):
    """'{http://wordpress.org/export/1.2/}post_id' → 'wp:post_id' for every WXR version."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if "wordpress.org/export" in uri:
        return ("excerpt:" if uri.rstrip("/").endswith("excerpt") else "wp:") + local
    if "purl.org/rss/1.0/modules/content" in uri:
        return "content:" + local
    if "purl.org/dc/elements" in uri:
        return "dc:" + local
    return local


def _text(elem):
    return (elem.text or "").strip() if elem is not None else ""


def _int(value, default=0):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


# WordPress ids are BIGINT UNSIGNED; ours are signed 64-bit.
MAX_ID = 2**63 - 1


def _id(value):
    """A WordPress id, or None when it is not a whole number we can store."""
    value = str(value or "").strip()
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        return None
    return int(value)


def _fields(elem):
    return {_short(child.tag): _text(child) for child in elem}


def parse_item(elem):
    item = {
        "categories": [],
        "tags": [],
        "meta": {},
        "title": "",
        "link": "",
        "guid": "",
        "content": "",
        "excerpt": "",
    }
    for child in elem:
        name = _short(child.tag)
        if name == "wp:postmeta":
            meta = _fields(child)
            item["meta"][meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "category":
            entry = (child.get("nicename", ""), (child.text or "").strip())
            domain = child.get("domain", "")
            if domain == "category":
                item["categories"].append(entry)
            elif domain == "post_tag":
                item["tags"].append(entry)
        elif name == "content:encoded":
            item["content"] = child.text or ""
        elif name == "excerpt:encoded":
            item["excerpt"] = child.text or ""
        elif name == "wp:comment":
            continue
        elif name.startswith("wp:"):
            item[name[3:]] = _text(child)
        elif name in ("title", "link", "guid"):
            item[name] = _text(child)
        elif name == "dc:creator":
            item["creator"] = _text(child)
    item["post_id"] = _id(item.get("post_id"))  # None: the item fails in the importer
    item["post_parent"] = _id(item.get("post_parent")) or 0
    item.setdefault("post_type", "post")
    item.setdefault("status", "")
    item.setdefault("post_name", "")
    return item


def _term(kind, elem):
    data = _fields(elem)
    if kind == "category":
        return {
            "term_id": _id(data.get("wp:term_id")) or 0,
            "slug": data.get("wp:category_nicename", ""),
            "parent": data.get("wp:category_parent", ""),
            "name": data.get("wp:cat_name", ""),
        }
    if kind == "tag":
        return {
            "term_id": _id(data.get("wp:term_id")) or 0,
            "slug": data.get("wp:tag_slug", ""),
            "name": data.get("wp:tag_name", ""),
        }
    return {
        "login": data.get("wp:author_login", ""),
        "display_name": data.get("wp:author_display_name", ""),
        "first_name": data.get("wp:author_first_name", ""),
        "last_name": data.get("wp:author_last_name", ""),
    }


def read_export(path):
    """Yield the export's contents as (kind, data); see the module docstring."""
    site, channel, depth, header_sent = {}, None, 0, False
    try:
        for event, elem in iterparse(path, events=("start", "end"), forbid_dtd=False):
            if event == "start":
                depth += 1
                if depth == 2 and _short(elem.tag) == "channel":
                    channel = elem
                continue
            depth -= 1
            if depth != 2 or channel is None:
                if depth == 0 and channel is None:
                    raise ExportError(_("This is not a WordPress export (no RSS channel)."))
                continue
            name = _short(elem.tag)
            if name in CHANNEL_FIELDS:
                site[name.removeprefix("wp:")] = _text(elem)
            else:
                if not header_sent:
                    header_sent = True
                    yield "site", dict(site)
                if name == "item":
                    yield "item", parse_item(elem)
                elif name in ("wp:author", "wp:category", "wp:tag"):
                    yield name[3:], _term(name[3:], elem)
            channel.remove(elem)
    except ParseError as error:
        line = getattr(error, "position", (0, 0))[0]
        raise ExportError(
            _(
                "The export file is damaged or cut off near line %(line)s; items after it were not read."
            )
            % {"line": line}
        ) from None
    except DefusedXmlException:
        raise ExportError(
            _("The export file contains XML entity or DTD declarations, which are refused.")
        ) from None
    except (LookupError, ValueError):
        # expat: an encoding it does not know (LookupError) or cannot use (UTF-7 …).
        raise ExportError(
            _(
                "The export file uses a character encoding that cannot be read; export it again as UTF-8."
            )
        ) from None
    except OSError as error:
        raise ExportError(
            _("The export file cannot be read: %(error)s") % {"error": error}
        ) from None
    if channel is None:
        raise ExportError(_("This is not a WordPress export (no RSS channel)."))
    if not header_sent:
        yield "site", dict(site)
