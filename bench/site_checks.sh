#!/bin/bash
# Usage: bench/site_checks.sh BASE OUTFILE  (LH=1 adds Lighthouse mobile)  — axe, Nu, Lighthouse mobile on one page of each type
BASE=$1; OUT=$2; T="$(cd "$(dirname "$0")/../.." && pwd)/shared/site-checks"
: > $OUT
urls=$(python3 - "$BASE" <<'PY'
import re, sys, urllib.request
base = sys.argv[1]
home = urllib.request.urlopen(base + "/").read().decode()
def first(pattern, page="/"):
    html = home if page == "/" else urllib.request.urlopen(base + page).read().decode()
    m = re.search(pattern, html)
    return m.group(1) if m else None
pages = {
  "home": "/",
  "article": first(r'href="(/berita/[^"/]+/)"'),
  "category": first(r'href="(/kategori/[^"/]+/)"'),
  "search": "/cari/?q=bupati",
  "page": first(r'href="(/halaman/[^"]+/)"'),
  "announcement-list": "/pengumuman/",
  "announcement": first(r"href=\"(/pengumuman/(?!rss|atom)[^\"/]+/)\"", "/pengumuman/"),
  "agenda": "/agenda/",
  "event": first(r'href="(/agenda/(?!kalender|kategori|pd|rss|atom|agenda)[^"/]+/)"', "/agenda/"),
  "calendar": first(r'href="(/agenda/kalender/[^"]+/)"', "/agenda/"),
  "gallery": "/galeri/",
  "album": first(r'href="(/galeri/foto/[^"/]+/)"', "/galeri/"),
  "video": first(r'href="(/galeri/video/[^"/]+/)"', "/galeri/"),
  "ppid": "/ppid/",
  "ppid-entry": first(r'href="(/ppid/(?!cetak|daftar)[^"?/]+/)"', "/ppid/"),
}
for k, v in pages.items():
    print(k, v or "-")
PY
)
echo "$urls"
while read name path; do
  [ "$path" = "-" ] && { echo "$name MISSING" >> $OUT; continue; }
  a=$($T/axe.sh "$BASE$path" mobile 2>/dev/null | tail -1)
  h=$($T/htmlcheck.sh "$BASE$path" 2>/dev/null | tail -1)
  echo "$name $path | $a | $h" >> $OUT
done <<< "$urls"
if [ -n "$LH" ]; then
  while read name path; do
    [ "$path" = "-" ] && continue
    l=$($T/lighthouse.sh "$BASE$path" mobile 2>/dev/null | tail -1)
    echo "LH $name $path | $l" >> $OUT
  done <<< "$urls"
fi
