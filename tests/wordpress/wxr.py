"""Build WordPress eXtended RSS files the way wp-admin/includes/export.php writes them."""

from xml.sax.saxutils import escape, quoteattr

SITE = "https://lama.kutaitimurkab.go.id"


def cdata(text):
    # export.php's wxr_cdata(): a "]]>" inside is split over two sections.
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def post(
    post_id,
    title="Judul",
    content="",
    *,
    status="publish",
    post_type="post",
    name=None,
    date="2024-09-02 14:11:22",
    date_gmt="2024-09-02 06:11:22",
    excerpt="",
    creator="admin",
    categories=(),
    tags=(),
    meta=None,
    parent=0,
    menu_order=0,
    attachment_url="",
    link=None,
    site=SITE,
    modified=None,
):
    name = f"post-{post_id}" if name is None else name
    if link is None:
        link = (
            f"{site}/{date[:4]}/{date[5:7]}/{date[8:10]}/{name}/"
            if name
            else f"{site}/?p={post_id}"
        )
    parts = [
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        "<pubDate>Mon, 02 Sep 2024 06:11:22 +0000</pubDate>",
        f"<dc:creator>{cdata(creator)}</dc:creator>",
        f'<guid isPermaLink="false">{site}/?{"page_id" if post_type == "page" else "p"}={post_id}</guid>',
        "<description></description>",
        f"<content:encoded>{cdata(content)}</content:encoded>",
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>",
        f"<wp:post_id>{post_id}</wp:post_id>",
        f"<wp:post_date>{cdata(date)}</wp:post_date>",
        f"<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>",
        f"<wp:post_modified>{cdata(modified or date)}</wp:post_modified>",
        "<wp:comment_status><![CDATA[open]]></wp:comment_status>",
        f"<wp:post_name>{cdata(name)}</wp:post_name>",
        f"<wp:status>{cdata(status)}</wp:status>",
        f"<wp:post_parent>{parent}</wp:post_parent>",
        f"<wp:menu_order>{menu_order}</wp:menu_order>",
        f"<wp:post_type>{cdata(post_type)}</wp:post_type>",
        "<wp:post_password><![CDATA[]]></wp:post_password>",
        "<wp:is_sticky>0</wp:is_sticky>",
    ]
    if attachment_url:
        parts.append(f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>")
    for nicename, label in categories:
        parts.append(
            f'<category domain="category" nicename={quoteattr(nicename)}>{cdata(label)}</category>'
        )
    for nicename, label in tags:
        parts.append(
            f'<category domain="post_tag" nicename={quoteattr(nicename)}>{cdata(label)}</category>'
        )
    for key, value in (meta or {}).items():
        parts.append(
            f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
            f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        )
    parts.append(
        "<wp:comment><wp:comment_id>1</wp:comment_id>"
        "<wp:comment_content><![CDATA[Komentar]]></wp:comment_content></wp:comment>"
    )
    return "<item>" + "\n".join(parts) + "</item>"


def attachment(post_id, relative, *, title="Foto", alt="", caption="", parent=0, site=SITE):
    return post(
        post_id,
        title,
        "",
        status="inherit",
        post_type="attachment",
        name=title.lower().replace(" ", "-"),
        excerpt=caption,
        parent=parent,
        attachment_url=f"{site}/wp-content/uploads/{relative}",
        link=f"{site}/?attachment_id={post_id}",
        meta={"_wp_attached_file": relative, **({"_wp_attachment_image_alt": alt} if alt else {})},
        site=site,
    )


def category(term_id, slug, name, parent=""):
    return (
        f"<wp:category><wp:term_id>{term_id}</wp:term_id>"
        f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
    )


def tag(term_id, slug, name):
    return (
        f"<wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"
    )


def author(login, display_name):
    return (
        f"<wp:author><wp:author_id>1</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(login + '@example.org')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(display_name)}</wp:author_display_name></wp:author>"
    )


def export(*parts, site=SITE, version="1.2"):
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0" '
        f'xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:wp="http://wordpress.org/export/{version}/">\n<channel>\n'
        "<title>Diskominfo Kutim</title>\n"
        f"<link>{site}</link>\n<language>id-ID</language>\n"
        f"<wp:wxr_version>{version}</wp:wxr_version>\n"
        f"<wp:base_site_url>{site}</wp:base_site_url>\n<wp:base_blog_url>{site}</wp:base_blog_url>\n"
        + "\n".join(parts)
        + "\n</channel>\n</rss>\n"
    ).encode()


def page(post_id, title="Halaman", content="<p>Isi halaman</p>", *, name=None, path=None, **kw):
    """A WordPress page: its permalink is the path of slugs from the top-level page
    (``path``, e.g. "profil/visi-misi"), a draft's is ``?page_id=ID``."""
    name = f"halaman-{post_id}" if name is None else name
    site = kw.get("site", SITE)
    if kw.get("status", "publish") == "publish":
        link = f"{site}/{path or name}/"
    else:
        link = f"{site}/?page_id={post_id}"
    return post(post_id, title, content, post_type="page", name=name, link=link, **kw)
