"""Page cache with exact invalidation, HTTP validators, and most-read counting.

Runs against the default local-memory cache and against real Redis (db 3)."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleDailyViews
from publishing import workflow
from tests.factories import add_byline, make_article
from tests.page_cache_support import cache_backends

pytestmark = pytest.mark.django_db


backend = cache_backends("kominfo-test")


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_second_request_is_served_from_cache_with_validators(client, publish):
    publish()
    first = get(client, "/")
    second = get(client, "/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert "public" in second["Cache-Control"] and "max-age=" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    assert get(client, "/", if_none_match=first["ETag"]).status_code == 304
    assert get(client, "/", if_modified_since=first["Last-Modified"]).status_code == 304
    assert get(client, "/", if_none_match='"lain"').status_code == 200


def test_publish_edit_unpublish_are_visible_at_once(client, publish, editor):
    old = publish(title="Berita Lama")
    get(client, "/")
    assert get(client, "/")["X-Page-Cache"] == "hit"
    new = make_article(title="Berita Baru Sekali")
    workflow.publish(editor, new)
    page = get(client, "/")
    assert "Berita Baru Sekali" in page.content.decode()

    get(client, old.get_absolute_url())
    old.title = "Judul Lama Diperbaiki"
    old.save()
    assert "Judul Lama Diperbaiki" in get(client, old.get_absolute_url()).content.decode()
    assert "Judul Lama Diperbaiki" in get(client, "/").content.decode()

    workflow.unpublish(editor, new, "Keliru")
    assert "Berita Baru Sekali" not in get(client, "/").content.decode()
    assert get(client, new.get_absolute_url()).status_code == 410


def test_scheduled_article_appears_at_its_time_without_stale_home(client, publish, editor):
    publish(title="Sudah Terbit")
    scheduled = make_article(title="Terjadwal Sebentar Lagi")
    when = timezone.now() + timedelta(seconds=2)
    workflow.publish(editor, scheduled, when=when)
    assert "Terjadwal Sebentar Lagi" not in get(client, "/").content.decode()
    assert get(client, "/")["X-Page-Cache"] == "hit"
    assert get(client, scheduled.get_absolute_url()).status_code == 404
    time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.2)
    page = get(client, "/")
    assert page["X-Page-Cache"] == "miss"
    assert "Terjadwal Sebentar Lagi" in page.content.decode()
    assert get(client, scheduled.get_absolute_url()).status_code == 200


def test_most_read_counts_cached_hits_in_batches(client, publish, settings):
    settings.MOST_READ_BATCH = 4
    popular = publish(title="Paling Banyak Dibaca")
    quiet = publish(title="Jarang Dibaca")
    for _ in range(6):
        assert get(client, popular.get_absolute_url()).status_code == 200
    get(client, quiet.get_absolute_url())
    # one batch of 4 was written by the request that filled it; the rest waits in the cache
    assert sum(ArticleDailyViews.objects.values_list("views", flat=True)) == 4
    call_command("flush_most_read", verbosity=0)
    views = dict(ArticleDailyViews.objects.values_list("article_id", "views"))
    assert views == {popular.pk: 6, quiet.pk: 1}
    call_command("flush_most_read", verbosity=0)  # nothing is counted twice
    assert dict(ArticleDailyViews.objects.values_list("article_id", "views")) == views
    home = get(client, "/").content.decode()
    section = home.split('id="h-terpopuler"')[1].split("</section>")[0]
    assert section.index("Paling Banyak Dibaca") < section.index("Jarang Dibaca")


def test_most_read_only_lists_live_articles(client, publish, editor, settings):
    settings.MOST_READ_BATCH = 1
    article = publish(title="Dibaca Lalu Ditarik")
    get(client, article.get_absolute_url())
    assert ArticleDailyViews.objects.filter(article=article).exists()
    workflow.unpublish(editor, article, "Ditarik")
    home = get(client, "/").content.decode()
    assert "Dibaca Lalu Ditarik" not in home


@pytest.mark.django_db
def test_http_max_age_never_outlives_the_next_scheduled_publication(settings):
    from datetime import timedelta

    from django.utils import timezone

    from publishing import page_cache, workflow
    from tests import factories as f

    settings.PUBLIC_HTTP_MAX_AGE = 600
    editor = f.make_user("Redaktur")
    workflow.publish(editor, f.make_article(), when=timezone.now() + timedelta(seconds=90))
    page_cache.invalidate()
    page_cache.current_generation()
    assert 80 <= page_cache.http_max_age() <= 90
    settings.PUBLIC_HTTP_MAX_AGE = 0
    assert page_cache.http_max_age() == 0


def test_a_publish_keeps_other_article_pages_cached(client, publish, editor):
    """A publication renews the lists and its own page, not the whole site."""
    kept = publish(title="Berita Yang Tetap")
    new = make_article(title="Berita Baru Terbit")  # its category, agency and photo are new too
    url = kept.get_absolute_url()
    get(client, url)
    get(client, "/")
    workflow.publish(editor, new)
    assert get(client, url)["X-Page-Cache"] == "hit"
    home = get(client, "/")
    assert home["X-Page-Cache"] == "miss" and "Berita Baru Terbit" in home.content.decode()


def test_an_article_page_shows_other_news_at_most_the_stale_window_late(
    client, publish, editor, settings
):
    kept = publish(title="Berita Yang Tetap")
    later = make_article(title="Berita Sesudahnya")
    url = kept.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    workflow.publish(editor, later)
    page = get(client, url)
    assert (page["X-Page-Cache"], page["X-Page-Fragments"]) == ("hit", "cached")
    assert "Berita Sesudahnya" not in page.content.decode()
    settings.PUBLIC_RELATED_STALE_SECONDS = 0  # the window has passed
    page = get(client, url)
    assert (page["X-Page-Cache"], page["X-Page-Fragments"]) == ("hit", "rendered")
    assert "Berita Sesudahnya" in page.content.decode()  # as the next article


def test_an_articles_own_change_and_unpublish_reach_its_page_at_once(client, publish, editor):
    article = publish(title="Judul Awal")
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    article.tags.add("kehumasan")  # a relation of the article itself
    page = get(client, url)
    assert page["X-Page-Cache"] == "miss" and "kehumasan" in page.content.decode()
    workflow.unpublish(editor, article, "Keliru")
    assert get(client, url).status_code == 410


def test_a_shared_object_change_renews_every_page(client, publish):
    article = publish(title="Berita Kategori")
    url = article.get_absolute_url()
    get(client, url)
    category = article.category
    category.name = "Kategori Berganti Nama"
    category.save()
    page = get(client, url)
    assert page["X-Page-Cache"] == "miss" and "Kategori Berganti Nama" in page.content.decode()


def test_a_proposal_shown_in_the_admin_does_not_touch_the_cache(client, publish, editor):
    from publishing.revisions import materialized, snapshot

    article = publish(title="Judul Tayang")
    url = article.get_absolute_url()
    get(client, url)
    workflow.save_proposal(editor, article, {**snapshot(article), "title": "Judul Usulan"})
    assert get(client, url)["X-Page-Cache"] == "hit"
    with materialized(article, workflow.pending_revision(article).content):
        pass
    page = get(client, url)
    assert page["X-Page-Cache"] == "hit" and "Judul Usulan" not in page.content.decode()


def test_views_wait_in_the_worker_and_reach_the_cache_in_one_batch(client, publish, settings):
    """A cached hit makes no cache call for counting until MOST_READ_BUFFER views are
    held; then all of them go in one round trip, one slot per article holding its
    number of views, and a batch of slots is written as before."""
    from articles import most_read

    settings.MOST_READ_BATCH = 2
    settings.MOST_READ_BUFFER = 5
    article = publish(title="Dibaca Berkali-kali")
    other = publish(title="Dibaca Sekali")
    url = article.get_absolute_url()
    assert get(client, url)["X-Page-Cache"] == "miss"
    for _ in range(3):
        assert get(client, url)["X-Page-Cache"] == "hit"
    assert cache.get(most_read.SEQ_KEY) is None  # four views held in the worker
    assert not ArticleDailyViews.objects.exists()
    get(client, url)  # the fifth: one push of five views of one article, one slot
    assert cache.get(most_read.SEQ_KEY) == 1
    [slot] = cache.get_many([most_read.SLOT_KEY.format(1)]).values()
    assert slot[0] == article.pk and slot[2] == 5
    assert not ArticleDailyViews.objects.exists()  # the batch is two slots
    for _ in range(4):
        get(client, url)
    get(client, other.get_absolute_url())  # slots 2 and 3: the first batch is written
    assert cache.get(most_read.SEQ_KEY) == 3
    assert ArticleDailyViews.objects.get(article=article).views == 9
    get(client, url)
    most_read.push_buffer()  # what gunicorn's worker_exit hook does
    call_command("flush_most_read", verbosity=0)
    views = dict(ArticleDailyViews.objects.values_list("article_id", "views"))
    assert views == {article.pk: 10, other.pk: 1}


def test_an_article_page_survives_other_publications_and_its_others_follow(
    client, publish, editor, settings
):
    """The page body stays cached when another article is published; its "other news"
    (previous/next, related) is a fragment spliced in, re-rendered alone once stale."""
    kept = publish(title="Berita Tetap Tersimpan", tags=["banjir sangatta"])
    newer = make_article(title="Banjir Susulan Di Sangatta")  # new category, agency, photo
    newer.tags.add("banjir sangatta")
    add_byline(newer, "Wak Hedir")
    url = kept.get_absolute_url()
    first = get(client, url)
    assert first["X-Page-Cache"] == "miss" and "<!--pf:" not in first.content.decode()
    assert get(client, url)["X-Page-Fragments"] == "cached"
    workflow.publish(editor, newer)
    page = get(client, url)  # within the stale window: the old fragment, no render
    assert (page["X-Page-Cache"], page["X-Page-Fragments"]) == ("hit", "cached")
    assert "Banjir Susulan" not in page.content.decode()
    settings.PUBLIC_RELATED_STALE_SECONDS = 0
    page = get(client, url)
    assert (page["X-Page-Cache"], page["X-Page-Fragments"]) == ("hit", "rendered")
    html = page.content.decode()
    assert "Banjir Susulan" in html and html.count(newer.get_absolute_url()) >= 2  # next + related
    assert page["ETag"] != first["ETag"]
    assert get(client, url, if_none_match=first["ETag"]).status_code == 200
    assert get(client, url, if_none_match=page["ETag"]).status_code == 304
    # The spliced page is byte for byte what the view renders now.
    settings.PUBLIC_PAGE_CACHE = False
    assert get(client, url).content == page.content


def test_an_unpublished_or_expired_article_leaves_other_pages_related_at_once(
    client, publish, editor, monkeypatch
):
    kept = publish(title="Berita Induk", tags=["pilkada kutim"])
    shown = publish(title="Berita Yang Ditarik", tags=["pilkada kutim"])
    ending = make_article(title="Berita Yang Berakhir")
    ending.tags.add("pilkada kutim")
    add_byline(ending, "Wak Hedir")
    when = timezone.now() - timedelta(minutes=1)
    workflow.publish(editor, ending, when=when, expires=timezone.now() + timedelta(minutes=2))
    elsewhere = make_article(title="Berita Lain Tanpa Kaitan")  # another tag, newest
    add_byline(elsewhere, "Wak Hedir")
    workflow.publish(editor, elsewhere)
    url = kept.get_absolute_url()
    get(client, url)
    html = get(client, url).content.decode()
    assert "Berita Yang Ditarik" in html and "Berita Yang Berakhir" in html
    assert "Berita Lain Tanpa Kaitan" not in html
    workflow.unpublish(editor, elsewhere, "Keliru")  # not shown here: the fragment stays
    assert get(client, url)["X-Page-Fragments"] == "cached"
    workflow.unpublish(editor, shown, "Keliru")  # PUBLIC_RELATED_STALE_SECONDS is 60
    page = get(client, url)
    assert (page["X-Page-Cache"], page["X-Page-Fragments"]) == ("hit", "rendered")
    assert "Berita Yang Ditarik" not in page.content.decode()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=2, seconds=1))
    html = get(client, url).content.decode()
    assert "Berita Yang Berakhir" not in html and "Berita Induk" in html


VARYING = {"date", "x-page-cache", "x-page-fragments"}


def headers_of(response):
    return {k.lower(): v for k, v in response.items() if k.lower() not in VARYING}


@pytest.mark.parametrize("path", ["/", "article", "/rss/", "/sitemap.xml", "/kategori/{category}/"])
def test_a_hit_carries_the_same_headers_as_the_miss(client, publish, path):
    """Hits leave from PageCacheMiddleware before the inner middleware: the security
    headers (CSP …) come from the outer middleware as on a miss, and the headers of the
    view and of the inner middleware (Content-Language, Vary, X-Frame-Options,
    X-Robots-Tag) were kept with the page."""
    article = publish(title="Berita Untuk Header")
    url = article.get_absolute_url() if path == "article" else path
    url = url.format(category=article.category.slug)
    miss, hit = get(client, url), get(client, url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert headers_of(hit) == headers_of(miss)
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["Content-Length"] == str(len(hit.content))
    assert hit.content == miss.content


def test_a_hit_is_answered_before_sessions_and_authentication(client, publish, editor):
    """No database query and no session read for a hit, also for a logged-in editor
    (public pages show nobody's account: the same page for everyone)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = publish(title="Berita Tanpa Sesi")
    url = article.get_absolute_url()
    get(client, url)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        hit = get(client, url)
    assert hit["X-Page-Cache"] == "hit" and len(queries) == 0
    assert not hit.cookies  # no session or CSRF cookie is written by a hit


def test_tracking_parameters_and_parameter_order_share_one_cached_page(client, publish):
    """Attacker finding: every ?fbclid=… (unique per click from Facebook) and every
    reordering was its own miss and its own cache entry."""
    article = publish()
    url = article.get_absolute_url()
    assert get(client, url)["X-Page-Cache"] == "miss"
    for variant in ("?fbclid=IwAR0abc", "?utm_source=whatsapp&utm_medium=share", "?gclid=x"):
        response = get(client, url + variant)
        assert response["X-Page-Cache"] == "hit", variant
    category = f"/kategori/{article.category.slug}/"
    assert get(client, f"{category}?page=1&x=1")["X-Page-Cache"] == "miss"
    assert get(client, f"{category}?x=1&page=1")["X-Page-Cache"] == "hit"
    # The page is rendered from the cleaned query: no visitor's click id in its links.
    # (y is not read by a list: the cached page=1 answers)
    fresh = get(client, f"{category}?fbclid=SECRET123&page=1&y=2")
    assert fresh["X-Page-Cache"] == "hit"
    assert "SECRET123" not in fresh.content.decode()
    # Other parameters still make other pages.
    assert get(client, "/cari/?q=jalan")["X-Page-Cache"] == "miss"
    assert get(client, "/cari/?q=banjir")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("page_cache", [True, False], ids=["page-cache", "no-page-cache"])
def test_unknown_parameters_cannot_make_every_request_a_miss(client, publish, settings, page_cache):
    """Attacker finding: ``?x=<random>`` on any page made every request a miss (a full
    render each), so a script could keep both workers busy. An item's page reads no
    parameter, lists read ``page``, search its form's: anything else is dropped before
    the cache key and before the view."""
    settings.PUBLIC_PAGE_CACHE = page_cache
    article = publish(title="Banjir surut di Sangatta")
    for n in range(13):
        publish(title=f"Banjir surut {n}", category=article.category)
    category = f"/kategori/{article.category.slug}/"
    cases = [
        (article.get_absolute_url(), "?x={}&y=<script>"),
        (category, "?x={}"),
        (category + "?page=1", "&x={}"),
        ("/cari/?q=banjir", "&nocache={}"),
    ]
    for url, noise in cases:
        plain = get(client, url)
        assert plain.status_code == 200, url
        for n in range(3):
            noisy = get(client, url + noise.format(f"r4nd0m{n}"))
            assert noisy.status_code == 200, url
            if page_cache:
                assert noisy["X-Page-Cache"] == "hit", (url, n)
            assert noisy.content == plain.content, url
            assert "r4nd0m" not in noisy.content.decode()
    # What a view reads still makes its own page.
    assert get(client, "/cari/?q=sangatta").content != get(client, "/cari/?q=banjir").content


def test_a_warm_hit_reads_only_the_tokens_and_answers_the_same(client, publish, monkeypatch):
    """A worker keeps the last answer of a page: a hit then reads the tokens, not the
    page and its fragments, from the cache, and answers byte for byte the same."""
    article = publish(title="Berita Yang Sering Dibaca")
    url = article.get_absolute_url()
    get(client, url)
    from_cache = get(client, url)
    read = []
    backend_class = type(caches["default"])
    for name in ("get_many", "get_many_prepared"):
        real = getattr(backend_class, name, None)
        if real is not None:

            def reading(self, keys, *args, _real=real, **kwargs):
                read.extend(keys)
                return _real(self, keys, *args, **kwargs)

            monkeypatch.setattr(backend_class, name, reading)
    kept = get(client, url)
    assert (kept["X-Page-Cache"], kept["X-Page-Fragments"]) == ("hit", "cached")
    assert read and not [key for key in read if key.startswith(("public:page", "public:fragment"))]
    assert kept.content == from_cache.content
    assert headers_of(kept) == headers_of(from_cache)
    assert get(client, url, if_none_match=from_cache["ETag"]).status_code == 304
    assert get(client, url, if_modified_since=from_cache["Last-Modified"]).status_code == 304


def test_a_kept_answer_never_outlives_the_cached_page(client, publish, settings):
    """PUBLIC_PAGE_CACHE_SECONDS bounds the worker's copy as it bounds the cache's."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 1
    article = publish(title="Berita Berumur Pendek")
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    assert get(client, url)["X-Page-Cache"] == "hit"
    time.sleep(1.1)
    assert get(client, url)["X-Page-Cache"] == "miss"


def test_views_left_by_the_previous_release_are_written_once(publish):
    """Slots of one view each, numbered apart (EARLIER_KEYS), as a worker of the release
    before slots held a number leaves them during a deploy."""
    from articles import most_read

    article = publish(title="Dibaca Sebelum Rilis")
    seq_key, slot_key = most_read.EARLIER_KEYS
    day = timezone.localdate().isoformat()
    cache.set(seq_key, 3, None)
    cache.set_many({slot_key.format(n): (article.pk, day) for n in (1, 2, 3)}, 60)
    most_read.count_view(article.pk)
    most_read.push_buffer()
    call_command("flush_most_read", verbosity=0)
    call_command("flush_most_read", verbosity=0)
    assert ArticleDailyViews.objects.get(article=article).views == 4


def test_unknown_parameters_are_dropped_on_every_kind_of_page(client, publish):
    """Outside QA after the first fix: /, feeds, sitemaps, the portal lists and pages still
    made a new miss for every ?foo=<random>, and every ?page=<not a number> too."""
    publish(title="Banjir surut")
    urls = [
        "/", "/rss/", "/atom/", "/sitemap.xml", "/pengumuman/", "/pengumuman/rss/",
        "/agenda/", "/agenda/agenda.ics", "/galeri/", "/ppid/", "/kategori/x/?page=",
    ]  # fmt: skip
    urls[-1] = f"/kategori/{Article.objects.get().category.slug}/"
    for url in urls:
        first = get(client, url)
        assert first.status_code == 200, url
        joiner = "&" if "?" in url else "?"
        for noise in ("foo=A1", "foo=A2", "page=x123", "page=z9"):
            again = get(client, f"{url}{joiner}{noise}")
            assert again["X-Page-Cache"] == "hit", (url, noise)
            assert again.content == first.content, (url, noise)
    # What a page reads still counts: an old WordPress address on the home page.
    assert get(client, "/?p=999999").status_code in (301, 404)


def test_the_ppid_register_keeps_its_filter_out_of_the_site_search_box(client, db):
    """Outside QA: /ppid/?q=kinerja put "q=kinerja" into the header's search box."""
    page = get(client, "/ppid/?q=kinerja&foo=ZZREFL2").content.decode()
    assert 'value="q=kinerja"' not in page and "ZZREFL2" not in page
    assert "/ppid/daftar-informasi-publik.csv?q=kinerja" in page
