import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, SlugHistory
from perangkat_daerah.roles import REDAKTUR
from publishing import workflow
from site_settings.models import SiteSettings
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_groups_exist_with_permissions():
    from django.contrib.auth.models import Group

    penulis = Group.objects.get(name="Penulis")
    redaktur = Group.objects.get(name="Redaktur")
    admin = Group.objects.get(name="Administrator")
    assert penulis.permissions.filter(codename="add_article").exists()
    assert not penulis.permissions.filter(codename="add_author").exists()
    assert redaktur.permissions.filter(codename="add_author").exists()
    assert admin.permissions.filter(codename="change_sitesettings").exists()
    assert admin.permissions.filter(codename="add_user").exists()


def test_published_article_requires_published_at():
    article = f.make_article(complete=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="published", published_at=None)


def test_status_must_be_a_known_value():
    article = f.make_article(complete=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="hacked")


def test_slug_is_unique():
    pd = f.make_pd()
    f.make_article(pd=pd, complete=False, slug="sama")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.make_article(pd=pd, complete=False, slug="sama")


def test_live_is_published_and_past():
    editor = f.make_user(REDAKTUR)
    past, future, draft = (f.make_article() for _ in range(3))
    workflow.publish(editor, past, when=timezone.now() - timezone.timedelta(minutes=1))
    workflow.publish(editor, future, when=timezone.now() + timezone.timedelta(minutes=1))
    assert set(Article.objects.live()) == {past}
    assert future.is_scheduled and not future.is_live
    assert draft.status == Article.Status.DRAFT


def test_changed_slug_of_published_article_is_remembered():
    editor = f.make_user(REDAKTUR)
    article = f.make_article(slug="judul-lama")
    workflow.publish(editor, article)
    article.refresh_from_db()
    article.slug = "judul-baru"
    article.save()
    assert SlugHistory.objects.get(slug="judul-lama").article == article


def test_changed_slug_of_unpublished_draft_is_not_remembered():
    article = f.make_article(slug="draf-lama", complete=False)
    article.slug = "draf-baru"
    article.save()
    assert not SlugHistory.objects.exists()


def test_body_is_sanitised_on_save():
    article = f.make_article(
        complete=False, body='<p onclick="x()">Halo<script>alert(1)</script></p>'
    )
    article.refresh_from_db()
    assert article.body == "<p>Halo</p>"


def test_site_settings_is_a_single_record():
    first = SiteSettings.load()
    first.site_name = "Diskominfo Uji"
    first.save()
    SiteSettings(site_name="Kedua").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.load().site_name == "Kedua"


def test_user_belongs_to_several_pds():
    user = f.make_user("Penulis")
    a, b = f.make_pd(), f.make_pd()
    a.members.add(user)
    b.members.add(user)
    assert set(user.perangkat_daerah.all()) == {a, b}
