"""PostgreSQL full-text search: weights, stemming fixes, trigram, filters, hostile input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def titles(response):
    return [a.title for a in response.context["articles"]]


def test_vector_is_maintained_on_save_and_indexed(publish):
    from django.db import connection

    article = publish(title="Pelatihan Literasi Digital")
    assert Article.objects.filter(pk=article.pk, search_vector__isnull=False).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes"
            " WHERE tablename = 'articles_article' AND indexdef ILIKE '%gin%'"
        )
        definitions = " ".join(row[0] for row in cursor.fetchall())
    assert "search_vector" in definitions and "gin_trgm_ops" in definitions


def test_title_ranks_above_lead_above_body(client, publish):
    body = publish(title="Kabar A", lead="Ringkasan biasa.", body="<p>Festival sungai meriah.</p>")
    lead = publish(title="Kabar B", lead="Festival sungai dibuka.", body="<p>Isi.</p>")
    title = publish(title="Festival Sungai Sangatta", lead="Ringkasan.", body="<p>Isi.</p>")
    response = client.get("/cari/", {"q": "festival sungai"})
    assert titles(response) == [title.title, lead.title, body.title]
    assert "<mark>" in response.content.decode()


@pytest.mark.parametrize("word", ["berita", "diskominfo", "perangkat"])
def test_overstemmed_words_still_match_exactly(client, publish, word):
    match = publish(title=f"Kabar {word.capitalize()} Hari Ini", lead="Ringkasan.")
    publish(title="Sesuatu yang lain", lead="Tidak ada hubungannya.", body="<p>Isi.</p>")
    assert titles(client.get("/cari/", {"q": word})) == [match.title]


def test_trigram_finds_typos_and_acronyms(client, publish):
    article = publish(title="Vaksinasi Anak Sekolah Capai 90 Persen")
    assert article.title in titles(client.get("/cari/", {"q": "vaksinsi"}))


def test_websearch_syntax_and_filters(client, publish):
    a = publish(title="Banjir di Sangatta Utara")
    b = publish(title="Banjir di Bengalon")
    assert titles(client.get("/cari/", {"q": '"Sangatta Utara"'})) == [a.title]
    assert titles(client.get("/cari/", {"q": "banjir -bengalon"})) == [a.title]
    filtered = client.get("/cari/", {"q": "banjir", "kategori": b.category.slug})
    assert titles(filtered) == [b.title]
    filtered = client.get("/cari/", {"q": "banjir", "pd": a.perangkat_daerah.slug})
    assert titles(filtered) == [a.title]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert titles(client.get("/cari/", {"q": "banjir", "dari": tomorrow})) == []
    assert len(titles(client.get("/cari/", {"q": "banjir", "sampai": tomorrow}))) == 2


@pytest.mark.parametrize(
    "query",
    [
        "a & b | !c <-> d",
        '\'""unbalanced',
        "x" * 5000,
        "'; DROP TABLE articles_article; --",
        "🙂🎉 berita",
        "nul\x00byte",
        "(((",
        ":*",
        "!",
        "\\",
        "<script>alert(1)</script>",
    ],
)
def test_any_query_string_gives_a_page(client, publish, query):
    publish(title="Berita biasa")
    response = client.get("/cari/", {"q": query, "dari": "bukan-tanggal", "kategori": "tidak-ada"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
