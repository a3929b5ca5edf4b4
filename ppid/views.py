"""The public register: list with filters and search, the entry page, downloads with a
counter, CSV export and a printable page. Exempt entries show only title and legal
reason; their file is never linked or served."""

import csv

from django import forms
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from media_library import access
from perangkat_daerah.models import PerangkatDaerah
from publishing import page_cache
from publishing.page_cache import public_page
from publishing.public import live_or_gone

from .models import DocumentType, DownloadCount, InformationEntry, KIPClass

PER_PAGE = 25
ENTRY = "ppid.informationentry"
PRINT_LIMIT = 2000


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    pd = forms.SlugField(label=gettext_lazy("Agency"), required=False)
    kelas = forms.ChoiceField(
        label=gettext_lazy("KIP class"), required=False, choices=[("", "—"), *KIPClass.choices]
    )
    tahun = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1945, max_value=2100
    )
    jenis = forms.SlugField(label=gettext_lazy("Type"), required=False)


def _entries():
    return InformationEntry.objects.live().select_related(
        "doc_type", "perangkat_daerah", "document", "downloads"
    )


def filtered(request):
    """The live entries matching the query string. Invalid filter values are ignored
    (the form shows why), never an error page."""
    form = FilterForm(request.GET or None)
    entries = _entries()
    if form.is_bound:
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        if data.get("q"):
            q = data["q"].replace("\x00", "")
            entries = entries.filter(
                Q(title__icontains=q) | Q(summary__icontains=q) & ~Q(kip_class="dikecualikan")
            )
        if data.get("pd"):
            entries = entries.filter(perangkat_daerah__slug=data["pd"])
        if data.get("kelas"):
            entries = entries.filter(kip_class=data["kelas"])
        if data.get("tahun"):
            entries = entries.filter(year=data["tahun"])
        if data.get("jenis"):
            entries = entries.filter(doc_type__slug=data["jenis"])
    return form, entries.order_by("-year", "title", "pk")


def _choices():
    return {
        "agencies": PerangkatDaerah.objects.active().only("name", "slug", "short_name"),
        "types": DocumentType.objects.all(),
        "classes": KIPClass.choices,
    }


@require_safe
@public_page(query=("q", "pd", "kelas", "tahun", "jenis", "page"))
def register(request):
    form, entries = filtered(request)
    paginator = Paginator(entries, PER_PAGE)
    raw = request.GET.get("page", "1")
    number = max(int(raw), 1) if raw.isdigit() and len(raw) < 7 else 1
    if number > paginator.num_pages:
        raise Http404
    page = paginator.page(number)
    query = request.GET.copy()
    query.pop("page", None)
    choices = _choices()
    choices["agencies"] = list(choices["agencies"])
    # filtered by one PD: the register is that PD's documents page, linked from its pages
    chosen = request.GET.get("pd", "")
    agency = next((a for a in choices["agencies"] if a.slug == chosen), None)
    return render(
        request,
        "ppid/register.html",
        {
            "form": form,
            "page_obj": page,
            "entries": page.object_list,
            "filter_query": query.urlencode(),
            "agency": agency,
            **choices,
        },
    )


@require_safe
@public_page(query=("q", "pd", "kelas", "tahun", "jenis", "page"))
def printable(request):
    form, entries = filtered(request)
    return render(
        request,
        "ppid/print.html",
        {"entries": entries[:PRINT_LIMIT], "form": form, "noindex": True},
    )


def _cell(value):
    """No spreadsheet formulas from user text (CSV injection)."""
    text = str(value or "").replace("\x00", "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_safe
@public_page(query=("q", "pd", "kelas", "tahun", "jenis", "page"))
def export_csv(request):
    _form, entries = filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="daftar-informasi-publik.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with the BOM
    writer = csv.writer(response)
    writer.writerow(
        [_("No."), _("Title"), _("Agency"), _("KIP class"), _("Year"), _("Type"),
         _("Summary or legal reason"), _("Address")]
    )  # fmt: skip
    for number, entry in enumerate(entries[:10000], start=1):
        writer.writerow(
            [
                number,
                _cell(entry.title),
                _cell(entry.perangkat_daerah.name),
                entry.get_kip_class_display(),
                entry.year,
                _cell(entry.doc_type.name if entry.doc_type else ""),
                _cell(entry.legal_reason if entry.is_exempt else entry.summary),
                request.build_absolute_uri(entry.get_absolute_url()),
            ]
        )
    return response


@require_safe
@public_page(item=lambda kwargs: (ENTRY, f"slug:{kwargs['slug']}"))
def detail(request, slug):
    # A public entry may share its file with an exempt one: then it offers no download.
    entries = _entries().annotate(file_withheld=access.withheld_exists("document_id"))
    entry = live_or_gone(request, entries, slug=slug)
    if isinstance(entry, HttpResponse):
        return entry
    return render(request, "ppid/detail.html", {"object": entry})


# No CSRF token: the entry page with this button is page-cached for everyone, so it
# cannot carry one visitor's token, and the POST acts for no account (anyone may count
# a download by sending it). Never cached: a POST.
@csrf_exempt
@require_http_methods(["POST", "HEAD"])
def download(request, slug):
    """Counts the download, then sends the reader to the file or the external link.
    A POST (a button), so crawlers and link previews do not count; HEAD (a link
    checker) gets the same answer without counting. The entry's cached page (which
    shows the count) is renewed; no list is."""
    entries = _entries().annotate(file_withheld=access.withheld_exists("document_id"))
    entry = get_object_or_404(entries, slug=slug)
    if entry.is_exempt or (entry.document_id and entry.file_withheld):
        raise Http404  # nothing counted for a file nobody may download
    if entry.document_id:
        target = entry.document.get_download_url()
    elif entry.external_url:
        target = entry.external_url
    else:
        raise Http404
    if request.method == "HEAD":
        return redirect(target)
    updated = DownloadCount.objects.filter(entry=entry).update(count=F("count") + 1)
    if not updated:
        counter, created = DownloadCount.objects.get_or_create(entry=entry, defaults={"count": 1})
        if not created:
            DownloadCount.objects.filter(entry=entry).update(count=F("count") + 1)
    page_cache.forget_item_pages(ENTRY, [f"slug:{entry.slug}"])
    return redirect(target)
