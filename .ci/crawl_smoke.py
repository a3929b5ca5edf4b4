"""Smoke crawl for CI: every URL in the sitemaps plus every page linked from the home page
and a set of awkward requests must answer without a server error. Usage: crawl_smoke.py BASE"""

import re
import sys
import urllib.error
import urllib.request
from urllib.parse import urljoin

BASE = sys.argv[1].rstrip("/")
AWKWARD = [
    "/cari/?q=bimtek",
    "/cari/?q=%22a%22+OR+-b+%26+%21",
    "/cari/?q=" + "x" * 5000,
    "/kategori/berita/?page=0",
    "/kategori/berita/?page=-1",
    "/kategori/berita/?page=abc",
    "/kategori/berita/?page=999999",
    "/berita/tidak-ada/",
    "/rss/",
    "/atom/",
    "/robots.txt",
    "/readyz",
]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def main():
    seen, failures = set(), []
    status, home = fetch(BASE + "/")
    queue = [BASE + "/"] + [
        urljoin(BASE + "/", href)
        for href in re.findall(r'href="(/[^"#]*)"', home)
        if not href.startswith(("/static/", "/media/", "/admin/"))
    ]
    status, index = fetch(BASE + "/sitemap.xml")
    for sitemap in re.findall(r"<loc>([^<]+)</loc>", index):
        _, body = fetch(sitemap.replace("http://testserver", BASE))
        queue += re.findall(r"<loc>([^<]+)</loc>", body)
    queue += [BASE + path for path in AWKWARD]
    for url in queue:
        if url in seen:
            continue
        seen.add(url)
        code, _ = fetch(url)
        if code >= 500:
            failures.append(f"{code} {url}")
    print(f"crawled {len(seen)} URLs, {len(failures)} server errors")
    for line in failures:
        print("  " + line)
    sys.exit(1 if failures or len(seen) < 40 else 0)


if __name__ == "__main__":
    main()
