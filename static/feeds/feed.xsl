<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS 2.0 or Atom feed as a readable Indonesian page when it is opened in a
     browser; feed readers ignore it. Served from our own static files (same origin). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:k="urn:kominfo-cms:feed"
    exclude-result-prefixes="atom k">
  <!-- Dates: XSLT 1.0 has no date functions, so the feed carries each item's date as
       Indonesian text (k:tanggal, publishing/feeds.py); without it the raw date shows. -->
  <xsl:output method="html" encoding="utf-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="self"
      select="(/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href)[1]"/>
  <xsl:variable name="home"
      select="(/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href)[1]"/>

  <xsl:template match="/">
    <html lang="id">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>Umpan berita: <xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="/static/css/site.css"/>
      </head>
      <body>
        <main id="konten" class="wrap feed-page">
          <p class="meta">Umpan berita (RSS/Atom)</p>
          <h1><xsl:value-of select="$title"/></h1>
          <section id="cara-berlangganan" class="feed-help" aria-labelledby="h-cara">
            <h2 id="h-cara">Cara berlangganan</h2>
            <p>Halaman ini adalah umpan (RSS/Atom). Dengan berlangganan, isi terbaru umpan ini
              muncul sendiri di aplikasi pembaca berita Anda tanpa perlu membuka situs.</p>
            <ol>
              <li>Salin alamat umpan ini:
                <code class="feed-url"><xsl:value-of select="$self"/></code></li>
              <li>Buka aplikasi pembaca umpan (misalnya Feedly, Inoreader, NetNewsWire,
                Thunderbird, atau pembaca RSS di ponsel Anda).</li>
              <li>Pilih <strong>Tambah langganan</strong> (atau "Add feed"), lalu tempelkan
                alamat tersebut.</li>
            </ol>
            <p><a href="{$home}">Kembali ke situs</a></p>
          </section>
          <section aria-labelledby="h-isi">
            <h2 id="h-isi">Isi terbaru umpan ini</h2>
            <ol class="plain feed-items">
              <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
            </ol>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li class="feed-item">
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <p class="meta feed-date"><xsl:choose>
        <xsl:when test="k:tanggal"><xsl:value-of select="k:tanggal"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="pubDate"/></xsl:otherwise>
      </xsl:choose></p>
      <p><xsl:value-of select="description"/></p>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="feed-item">
      <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="meta feed-date"><xsl:choose>
        <xsl:when test="k:tanggal"><xsl:value-of select="k:tanggal"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="atom:updated"/></xsl:otherwise>
      </xsl:choose></p>
      <p><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
