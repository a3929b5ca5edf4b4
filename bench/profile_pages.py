#!/usr/bin/env python3
"""Where does an uncached public page spend its time? (a script, not a test)

    DATABASE_URL=postgres://…/kominfo_h12u_scale_2000 CACHE_URL=redis://127.0.0.1:6379/11 \
        .venv/bin/python bench/profile_pages.py [--requests 50] [--profile] [--explain] [page …]

Production settings (DEBUG off), page cache off, teaser fragment cache on, the Django
test client in one process. For each page: the median ms per request (wall clock, and
the CPU time of this process alone, which other load on a shared machine moves much
less; it leaves out PostgreSQL's and Redis's own time), the share spent
in SQL (every statement timed through an execute wrapper), the statements of one
request with their time, optionally a pyinstrument profile over the loop and an
``EXPLAIN ANALYZE`` of each statement.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for name, value in {
    "DJANGO_SETTINGS_MODULE": "kominfo.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
    "PUBLIC_PAGE_CACHE": "off",
    "PUBLIC_FRAGMENT_CACHE": "on",
    "AXES_ENABLED": "false",
}.items():
    os.environ.setdefault(name, value)

PAGES = {
    "home": "/",
    "article": "/berita/berita-100/",
    "category p3": "/kategori/{category}/?page=3",
    "common tag": "/tag/kutai-timur/",
    "rare tag": "/tag/topik-7/",
    "agency": "/pd/{agency}/",
    "writer": "/penulis/penulis-3/",
    "archive month": "/arsip/{year}/{month}/",
    "search": "/cari/?q=jembatan",
}


class Timer:
    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append(((time.perf_counter() - started) * 1000, sql, params))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from articles.models import Article, Category
    from perangkat_daerah.models import PerangkatDaerah

    newest = Article.objects.live().order_by("-published_at").first()
    fill = {
        "category": Category.objects.order_by("order").first().slug,
        "agency": PerangkatDaerah.objects.order_by("order").first().slug,
        "year": newest.published_at.year,
        "month": newest.published_at.month,
    }
    client = Client()
    for name in args.pages:
        url = PAGES[name].format(**fill)
        for _ in range(5):
            assert client.get(url).status_code == 200, url
        times, cpu, sql_ms = [], [], []
        profiler = None
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        for _ in range(args.requests):
            timer = Timer()
            with connection.execute_wrapper(timer):
                started, started_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            sql_ms.append(sum(s[0] for s in timer.statements))
        if profiler:
            profiler.stop()
        print(
            f"\n== {name} {url}: median {statistics.median(times):.2f} ms "
            f"(CPU of this process {statistics.median(cpu):.2f} ms), "
            f"SQL {statistics.median(sql_ms):.2f} ms in {len(timer.statements)} statements"
        )
        for ms, sql, params in timer.statements:
            print(f"   {ms:7.2f} ms  {sql[:220]}")
            if args.explain and sql.lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    for (line,) in cursor.fetchall():
                        print("            " + line)
        if profiler:
            print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
