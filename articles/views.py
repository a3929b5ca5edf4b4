"""Public website views. Everything the public sees starts from Article.objects.live().

Query budgets (tests/public/test_query_budgets.py): home <= 10, article <= 8,
lists <= 6, independent of the number of tags, images, writers, attachments and
articles. Every view is wrapped in ``public_page`` (page cache, ETag, view counts).
"""

from collections import defaultdict
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery, Window
from django.db.models.functions import JSONObject, RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from taggit.models import Tag, TaggedItem

from authors.models import Author
from media_library import access
from perangkat_daerah.models import PerangkatDaerah
from publishing import search as search_engine
from publishing import statements
from publishing.models import Transition
from publishing.page_cache import public_page, related_stale_seconds

from . import fragments, others
from . import related as related_module
from . import search as search_module
from .compiled_lists import CompiledList
from .models import Article, ArticleAuthor, Category, GalleryItem, PublicListing, SlugHistory
from .most_read import count_view, most_read
from .pagination import CappedPaginator, counted_page
from .wordpress.redirects import FRONT_PARAMS

PER_PAGE = 12
MONTHS = [
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def live():
    return Article.objects.live()


# What a teaser shows (articles/_teaser.html, {% picture %}): lists select these
# columns only, since compiling and loading every column of four tables cost more
# than the queries themselves. A missing field would cost a query per teaser, which
# the query-budget tests catch.
TEASER_FIELDS = (
    "title",
    "slug",
    "lead",
    "published_at",
    "updated_at",
    "category__name",
    "category__slug",
    "perangkat_daerah__name",
    "perangkat_daerah__short_name",
    "perangkat_daerah__slug",
    "featured_image__file",
    "featured_image__width",
    "featured_image__height",
    "featured_image__renditions",
    "featured_image__alt_text",
    "featured_image__is_decorative",
)


def teaser_list(queryset=None):
    """Articles as shown in lists: one query, only the teaser columns."""
    queryset = live() if queryset is None else queryset
    return queryset.select_related("category", "perangkat_daerah", "featured_image").only(
        "category", "perangkat_daerah", "featured_image", *TEASER_FIELDS
    )


MAX_PAGE = 100_000  # beyond any archive; keeps OFFSET within PostgreSQL's bigint


def page_number(request):
    """The requested page: non-numbers and numbers below 1 give 1, absurd ones 404."""
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    if number > MAX_PAGE:
        raise Http404(_("Page not found"))
    return max(number, 1)


def search_page(request, queryset):
    """A page of search results, counted in the same query (at most POOL + 1 rows)."""
    number = page_number(request)
    page = counted_page(queryset, number, PER_PAGE, search_engine.POOL)
    if number > 1 and not page.object_list:
        raise Http404(_("Page not found"))
    return page


def paginate(request, queryset, empty_404=False):
    """A page of results. Non-numbers and numbers below 1 give page 1; past the end is 404
    (an empty first page too when ``empty_404`` gives a message). The count is capped
    (articles/pagination.py), so no list counts the whole archive."""
    number = page_number(request)
    paginator = CappedPaginator(queryset, PER_PAGE, allow_empty_first_page=True)
    if number > paginator.num_pages and not paginator.capped:
        raise Http404(_("Page not found"))
    page = paginator.page(number)
    if not page.object_list and number > 1:
        raise Http404(_("Page not found"))
    if not page.object_list and empty_404:
        raise Http404(empty_404)
    return page


def ordered_teasers(queryset):
    return teaser_list(queryset).order_by("-published_at", "-pk")


def listing(kind, key):
    """The bounded path for a tag's or writer's list (PostgreSQL: the listing is kept by
    triggers), or None where the listing is not kept (SQLite): live teasers in the order
    of their PublicListing rows (newest first). A page is one query, the listing's slice
    (index rows of one tag or writer) as a subquery, so it reads its 12 index rows and
    12 articles at any archive size; the capped count reads the listing only."""
    if connection.vendor != "postgresql":
        return None

    def rows(inputs):
        return PublicListing.objects.live().filter(kind=inputs["kind"], key=inputs["key"])

    def page(inputs, start, stop):
        ids = rows(inputs).order_by("-published_at", "-article_id").values("article_id")
        return ordered_teasers(live().filter(pk__in=ids[start:stop]))

    return CompiledList(("listing", kind), page, rows, {"kind": kind, "key": key})


def compiled_list(name, build, inputs):
    """The teasers of ``build(inputs)`` (a live() queryset), newest first, compiled."""
    return CompiledList(
        name, lambda i, start, stop: ordered_teasers(build(i))[start:stop], build, inputs
    )


def list_page(request, queryset, empty_404=False, listed=None, **context):
    if listed is None:
        listed = ordered_teasers(queryset)
    page = paginate(request, listed, empty_404)
    context.update({"page_obj": page, "articles": page.object_list})
    return render(request, "articles/list.html", context)


@require_safe
@public_page(query=FRONT_PARAMS)  # old WordPress front-page addresses
def home(request):
    from . import fragments

    generation = getattr(request, "content_generation", None)
    # Everything on the home page except the announcements and agenda blocks (which
    # follow their own clock) changes only with the content generation: the lists
    # token renews at every publication, edit, unpublish, scheduled go-live and
    # expiry, the shared token at every category/agency/photo change. So it is
    # computed once per generation in each process; most read (view counts, not
    # content) is at most PUBLIC_RELATED_STALE_SECONDS old within a generation.
    context = dict(fragments.memo(generation, ("home",), _home_news))
    context["most_read"] = fragments.memo(
        generation,
        ("home-most-read",),
        lambda: list(most_read(teaser_list())),
        ttl=related_stale_seconds(),
    )
    return render(request, "articles/home.html", context)


def _home_news():
    articles = teaser_list()
    headline = articles.filter(is_featured=True).order_by("-published_at").first()
    if headline is None:
        headline = articles.order_by("-published_at").first()
    exclude = [headline.pk] if headline else []
    latest = list(articles.exclude(pk__in=exclude).order_by("-published_at")[:8])

    categories = list(Category.objects.filter(show_on_home=True))
    per_category = defaultdict(list)
    if categories:
        for article in _category_blocks(articles, categories, per_block=3):
            per_category[article.category_id].append(article)
    blocks = [(c, per_category[c.pk]) for c in categories if per_category[c.pk]]
    return {
        "headline": headline,
        "latest": latest,
        "blocks": blocks,
        "agencies": list(PerangkatDaerah.objects.active()),
    }


def _category_blocks(articles, categories, per_block):
    """The newest articles of each category in one query. On PostgreSQL the ids come from
    a UNION ALL of small index-ordered queries (fast at any size; ids only, because
    compiling the full teaser columns for every part cost more than running it);
    elsewhere a window function."""
    if connection.vendor == "postgresql" and len(categories) > 1:
        parts = [
            articles.filter(category=c).order_by("-published_at", "-pk").values("pk")[:per_block]
            for c in categories
        ]
        ids = parts[0].union(*parts[1:], all=True)
        return list(articles.filter(pk__in=ids).order_by("-published_at", "-pk"))
    ranked = articles.filter(category__in=categories).annotate(
        position=Window(
            RowNumber(),
            partition_by=F("category_id"),
            order_by=[F("published_at").desc(), F("pk").desc()],
        )
    )
    return list(ranked.filter(position__lte=per_block).order_by("category_id", "position"))


def _detail_queryset():
    last_publish = (
        Transition.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            action__in=["publish", "schedule"],
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    queryset = (
        live()
        .select_related("category", "perangkat_daerah", "featured_image")
        .defer("search_vector")
        .annotate(
            last_publish_at=Subquery(last_publish),
            # Most articles have no gallery and no attachments: asking in the main query
            # saves their two queries (round trips) on those pages.
            has_gallery=Exists(GalleryItem.objects.filter(article=OuterRef("pk"))),
            has_attachments=Exists(
                Article.attachments.through.objects.filter(article=OuterRef("pk"))
            ),
        )
    )
    if connection.vendor == "postgresql":
        # The bylines as one JSON list in the main query (a query and round trip less);
        # the page shows a writer's name and address only.
        from django.contrib.postgres.aggregates import JSONBAgg

        bylines = (
            ArticleAuthor.objects.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(
                data=JSONBAgg(
                    JSONObject(
                        id="author_id", display_name="author__display_name", slug="author__slug"
                    ),
                    order_by=("order", "pk"),
                )
            )
            .values("data")
        )
        queryset = queryset.annotate(byline_data=Subquery(bylines))
    else:
        queryset = queryset.prefetch_related(
            Prefetch(
                "articleauthor_set",
                queryset=ArticleAuthor.objects.select_related("author"),
                to_attr="byline_list",
            )
        )
    return related_module.with_extras(queryset, live())


def _load_related_rows(article):
    """``byline_list``, ``gallery_list`` and ``served_attachment_list`` of a detail article: the
    bylines from the main query's JSON, the others queried only when it found some."""
    if hasattr(article, "byline_data"):
        article.byline_list = [
            ArticleAuthor(article=article, author=Author(**item))
            for item in article.byline_data or []
        ]
    article.gallery_list = (
        list(GalleryItem.objects.filter(article=article).select_related("image"))
        if article.has_gallery
        else []
    )
    # Exempt PPID documents are left out by the same query (no extra one).
    article.served_attachment_list = (
        list(access.served_queryset(article.attachments.all())) if article.has_attachments else []
    )


@require_safe
@public_page(
    item=lambda kwargs: ("articles.article", f"slug:{kwargs['slug']}"),
    count=count_view,
    fragments=(others.NAME,),
)
def article_detail(request, slug):
    # The detail query costs more to build and compile than to run: compiled once.
    found = statements.instances(
        ("article-detail", connection.vendor),
        lambda inputs: _detail_queryset().filter(slug=inputs["slug"])[:1],
        {"slug": slug},
    )
    article = found[0] if found else None
    if article is None:
        old = SlugHistory.objects.filter(slug=slug).select_related("article").first()
        if old is not None:
            if old.article.is_live:
                return redirect(old.article, permanent=True)
            if old.article.status == Article.Status.ARCHIVED:
                return gone(request)
        if Article.objects.filter(slug=slug, status=Article.Status.ARCHIVED).exists():
            return gone(request)
        raise Http404(_("News not found"))
    _load_related_rows(article)
    previous, following, tags = related_module.extras(article)
    article.public_tags = tags
    context = {
        "article": article,
        "related": related_module.related(
            article,
            [t.pk for t in tags],
            live,
            teaser_list,
            generation=getattr(request, "content_generation", None),
        ),
        "previous": previous,
        "next": following,
    }
    response = render(request, "articles/detail.html", context)
    response.counted_id = article.pk
    response.fragment_params = {others.NAME: others.params(article)}
    response.fragment_shows = {others.NAME: others.shows(previous, following, context["related"])}
    return response


def gone(request):
    return render(request, "410.html", status=410)


@require_safe
@public_page(query=("page",))
def category_list(request, slug):
    category = fragments.memo(
        getattr(request, "content_generation", None),
        ("category", slug),
        lambda: Category.objects.filter(slug=slug).first(),
    )
    if category is None:
        raise Http404(_("Page not found"))
    return list_page(
        request,
        None,
        listed=compiled_list(
            "category", lambda i: live().filter(category=i["id"]), {"id": category.pk}
        ),
        heading=category.name,
        intro=category.description,
        kind=_("Category"),
        feeds=(
            reverse("articles:category_rss", kwargs={"slug": slug}),
            reverse("articles:category_atom", kwargs={"slug": slug}),
        ),
    )


@require_safe
@public_page(query=())
def agency_index(request):
    agencies = PerangkatDaerah.objects.active()
    return render(request, "articles/agency_index.html", {"agencies": agencies})


@require_safe
@public_page(query=("page",))
def agency_list(request, slug):
    agency = get_object_or_404(PerangkatDaerah.objects.active(), slug=slug)
    return list_page(
        request,
        None,
        listed=compiled_list(
            "agency", lambda i: live().filter(perangkat_daerah=i["id"]), {"id": agency.pk}
        ),
        heading=agency.name,
        intro=agency.description,
        kind=_("Regional agency"),
        agency=agency,
        feeds=(
            reverse("articles:agency_rss", kwargs={"slug": slug}),
            reverse("articles:agency_atom", kwargs={"slug": slug}),
        ),
    )


@require_safe
@public_page(query=("page",))
def tag_list(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    # IN (subquery) rather than a join: taggit's integer object_id joined to the bigint
    # key is cast, which hid every index and hashed the whole archive (466 ms at 100,000
    # articles for a tag on most of them); as a semi-join PostgreSQL walks the newest
    # articles and probes the tag index.
    queryset = live().filter(
        pk__in=TaggedItem.objects.filter(
            tag=tag, content_type=ContentType.objects.get_for_model(Article)
        ).values("object_id")
    )
    return list_page(
        request,
        queryset,
        empty_404=_("Tag not found"),
        listed=listing(PublicListing.Kind.TAG, tag.pk),
        heading=f"#{tag.name}",
        kind=_("Tag"),
    )


@require_safe
@public_page(query=("page",))
def author_list(request, slug):
    author = get_object_or_404(Author.objects.select_related("perangkat_daerah"), slug=slug)
    queryset = live().filter(
        pk__in=ArticleAuthor.objects.filter(author=author).values("article_id")
    )
    return list_page(
        request,
        queryset,
        empty_404=_("Writer not found"),
        listed=listing(PublicListing.Kind.WRITER, author.pk),
        heading=author.display_name,
        intro=author.bio,
        kind=_("Writer"),
    )


@require_safe
@public_page(query=())
def archive_index(request):
    by_year = defaultdict(list)
    for year, month in _archive_months():
        by_year[year].append((month, MONTHS[month]))
    return render(
        request, "articles/archive_index.html", {"years": sorted(by_year.items(), reverse=True)}
    )


def _archive_months():
    """(year, month) of every month with a live article, newest first. On PostgreSQL
    one probe of the date index per calendar month between the oldest and the newest
    live article (a few hundred at most for any newsroom), instead of reading every
    article: bounded by the archive's age, not its size."""
    if connection.vendor != "postgresql":
        return [(d.year, d.month) for d in live().dates("published_at", "month", order="DESC")]
    times = live().values_list("published_at", flat=True)
    newest = times.order_by("-published_at").first()  # two probes of the date index
    if newest is None:
        return []
    oldest = times.order_by("published_at").first()
    zone = timezone.get_current_timezone()
    newest, oldest = (timezone.localtime(t, zone).replace(tzinfo=None) for t in (newest, oldest))
    # the rows the public may see, exactly as live() defines them (unordered, so that
    # PostgreSQL folds it into each month's probe)
    visible, params = live().order_by().values("published_at").query.sql_with_params()
    sql = (
        "SELECT s.m FROM generate_series("
        "  date_trunc('month', %s::timestamp), date_trunc('month', %s::timestamp),"
        "  interval '-1 month') AS s(m)"
        f" WHERE EXISTS (SELECT 1 FROM ({visible}) AS l"
        "  WHERE l.published_at >= (s.m AT TIME ZONE %s)"
        "    AND l.published_at < ((s.m + interval '1 month') AT TIME ZONE %s))"
        " ORDER BY s.m DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [newest, oldest, *params, str(zone), str(zone)])
        return [(m.year, m.month) for (m,) in cursor.fetchall()]


def _month_start(year, month):
    """The first moment of a month in the site's time zone. Lists filter on this range
    rather than on ``__year``/``__month``: those compare an EXTRACT of the local time,
    which no index can answer, so a month list read every article of its year."""
    return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())


@require_safe
@public_page(query=("page",))
def archive_month(request, year, month):
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        raise Http404(_("Page not found"))
    start = date(year, month, 1)
    queryset = live().filter(published_at__gte=_month_start(year, month))
    if (year, month) < (9999, 12):
        following = (year + month // 12, month % 12 + 1)
        queryset = queryset.filter(published_at__lt=_month_start(*following))
    return list_page(
        request,
        queryset,
        heading=f"{MONTHS[month]} {start.year}",
        kind=_("Archive"),
    )


NEWS = "berita"  # the ?jenis= key of articles


@require_safe
@public_page(query=("q", "jenis", "kategori", "pd", "dari", "sampai", "page"))
def search(request):
    """One results page over every searchable type (publishing.search), with a type
    filter (?jenis=) and counts per type. Queries: the form's choices (1), the search
    (1, every type at once), and the teasers of the news on the page (1); a search that
    finds nothing tries typo tolerance on news titles (2 more)."""
    form = search_module.SearchForm(
        request.GET or None, generation=getattr(request, "content_generation", None)
    )
    params = form.cleaned()
    query = params["q"]
    if params["category"]:
        params["jenis"] = NEWS  # a news category narrows the search to the news
    context = {"form": form, "query": query, "jenis": params["jenis"], "page_obj": None}
    results = None
    if query:
        number = page_number(request)
        results = search_engine.search(query, params, params["jenis"], number, PER_PAGE)
        if number > 1 and not results.rows:
            raise Http404(_("Page not found"))
        news = params["jenis"] in ("", NEWS)
        if not results.total and news and search_module.fuzzy_allowed(query):
            candidates = search_module.apply_filters(teaser_list(), params)
            page = search_page(request, search_module.fuzzy(candidates, query))
            page.object_list = search_module.add_snippets(page.object_list, query)
            context.update(page_obj=page, articles=page.object_list, fuzzy=True)
        else:
            page = _results_page(results, number)
            _attach_teasers(results.rows)
            context.update(
                page_obj=page,
                results=results.rows,
                articles=[row.obj for row in results.rows if row.obj is not None],
            )
        context["types"] = _type_tabs(request, results, params["jenis"])
    elif any(params[name] for name in ("jenis", "category", "pd", "date_from", "date_to")):
        # Filters narrow a search, they are not one: say so (and where the agency's
        # own list is) instead of an empty page.
        context["needs_query"] = True
        context["agency"] = _chosen_agency(form, params["pd"])
    context.setdefault("articles", [])
    context.setdefault("results", [])
    return render(request, "articles/search.html", context)


def _chosen_agency(form, slug):
    """(slug, name) of the agency chosen in the filter, from the form's choices (no query)."""
    names = dict(form.fields["pd"].choices)
    return (slug, names[slug]) if slug and slug in names else None


def _results_page(results, number):
    """A Page over the bounded results (each type counts at most POOL + 1 matches; when
    one has more, the page says "more than N")."""
    paginator = Paginator(range(results.total), PER_PAGE, allow_empty_first_page=True)
    paginator.capped = results.capped
    paginator.cap = results.total - 1
    return Page(results.rows, number, paginator)


def _attach_teasers(rows):
    """News rows are shown with their teaser (photo, category): one query for the page."""
    ids = [row.pk for row in rows if row.jenis == "berita"]
    if not ids:
        return
    # compiled once per number of news rows on the page (publishing.statements)
    inputs = {f"id{n}": pk for n, pk in enumerate(ids)}
    found = statements.instances(
        ("search-teasers", connection.vendor, len(ids)),
        lambda i: teaser_list().filter(pk__in=[i[name] for name in sorted(i)]),
        inputs,
    )
    teasers = {a.pk: a for a in found}
    for row in rows:
        if row.jenis == "berita" and row.pk in teasers:
            article = teasers[row.pk]
            article.snippet, article.title_html = row.snippet, row.title_html
            row.obj = article


def _type_tabs(request, results, chosen):
    """The type filter as links with their counts ("Pengumuman (3)")."""
    params = request.GET.copy()
    params.pop("page", None)
    tabs = []
    category = params.pop("kategori", None)
    for key, label in [("", _("All")), *[(s.key, s.label) for s in search_engine.searchables()]]:
        params["jenis"] = key
        if not key:
            params.pop("jenis")
        # A news category only narrows the news: the other tabs search without it.
        if category and key == NEWS:
            params.setlist("kategori", category)
        else:
            params.pop("kategori", None)
        if results is None:
            n, capped = 0, False
        elif key:
            n = results.count_for(key)
            capped = n > search_engine.POOL
        else:
            n = sum(results.counts.values())
            capped = any(v > search_engine.POOL for v in results.counts.values())
        tabs.append(
            {
                "key": key,
                "label": label,
                "count": min(n, search_engine.POOL) if capped else n,
                "capped": capped,
                "url": "?" + params.urlencode(),
                "current": key == chosen,
            }
        )
    return [tab for tab in tabs if tab["count"] or tab["current"] or not tab["key"]]


@require_safe
def robots_txt(request):
    base = f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cari/",
        "",
        f"Sitemap: {base}/sitemap.xml",
        f"Sitemap: {base}/sitemap-news.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
