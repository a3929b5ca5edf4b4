"""A re-import never undoes work: articles the newsroom changed here since the import
last wrote them are left alone, and an older export never reverts newer content."""

import pytest
from django.core.management import CommandError

from articles.models import Article
from articles.wordpress.models import WordPressImport
from tests.publishing.pages import client_for, open_form, post_panel_form, save

from . import wxr

pytestmark = pytest.mark.django_db


def export(title, modified, *more):
    return wxr.export(
        wxr.post(1, title, "<p>Isi berita satu.</p>", modified=modified),
        wxr.post(2, "Berita dua", "<p>Isi dua.</p>", modified=modified),
        *more,
    )


def last_results():
    run = WordPressImport.objects.order_by("-pk").first()
    return {r.wp_id: (r.outcome, r.message) for r in run.results.filter(kind="post")}


def test_reimport_leaves_an_article_edited_here_alone_and_says_so(run_import, editor, pd):
    run_import(export("Judul WordPress", "2024-09-02 14:11:22"))
    article = Article.objects.get(title="Judul WordPress")
    assert article.is_live
    pd.members.add(editor)
    # The Redaktur changes the live article's title in the admin and approves it.
    redaktur = client_for(editor)
    _html, data = open_form(redaktur, article)
    data["title"] = "Judul diperbaiki redaksi"
    assert save(redaktur, article, data).status_code == 302
    post_panel_form(redaktur, article, "approve-revision")
    assert Article.objects.get(pk=article.pk).title == "Judul diperbaiki redaksi"

    # WordPress changed both posts meanwhile; the export is re-imported.
    run_import(export("Judul WordPress (ralat)", "2024-09-03 08:00:00"))
    assert Article.objects.get(pk=article.pk).title == "Judul diperbaiki redaksi"
    results = last_results()
    assert results[1][0] == "skipped"
    assert "diubah di situs ini" in results[1][1] and "tidak ditimpa" in results[1][1]
    assert results[2][0] == "updated"  # an article nobody touched here is still updated
    # ... and again next time: what the import wrote is not mistaken for an edit here.
    run_import(export("Judul WordPress (ralat 2)", "2024-09-04 08:00:00"))
    assert last_results()[2][0] == "updated"
    assert last_results()[1][0] == "skipped"


def test_older_export_does_not_revert_newer_content(run_import):
    run_import(export("Judul baru", "2024-09-05 10:00:00"))
    out = run_import(export("Judul lama", "2024-09-01 10:00:00"))
    assert Article.objects.filter(title="Judul baru").exists()
    assert not Article.objects.filter(title="Judul lama").exists()
    assert Article.objects.get(title="Berita dua").revisions.count() == 1
    results = last_results()
    assert results[1][0] == results[2][0] == "skipped"
    assert "berkas ekspor lebih lama dari yang sudah diimpor" in results[1][1].lower()
    assert "lebih lama" in out


def test_other_text_at_the_same_modification_time_is_not_newer(run_import):
    run_import(export("Judul baru", "2024-09-05 10:00:00"))
    run_import(export("Judul lama", "2024-09-05 10:00:00"))
    assert Article.objects.filter(title="Judul baru").exists()
    assert "tidak lebih baru" in last_results()[1][1]


def test_truncated_older_export_reverts_nothing(run_import):
    run_import(export("Judul baru", "2024-09-05 10:00:00"))
    data = export("Judul lama", "2024-09-01 10:00:00", wxr.post(3, "Tiga", "<p>x</p>"))
    cut = data[: data.index(b"<wp:post_id>3")]
    with pytest.raises(CommandError):
        run_import(cut)
    assert Article.objects.filter(title="Judul baru").exists()
    assert set(o for o, _m in last_results().values()) == {"skipped"}
