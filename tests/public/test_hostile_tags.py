"""Any tag name a writer can type gives a working article page, tag page and feeds.

Tags are typed into the admin form as a user would (a Redaktur editing a live article,
so the change is public at once); then the public pages are fetched over HTTP."""

import importlib
import re

import pytest
from django.apps import apps
from taggit.models import Tag

from tests.factories import make_user
from tests.workflow.helpers import change_data, change_url

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Café",
    "Pèsta Rakyat",
    "İstanbul",
    "Jаkarta",  # Cyrillic а
    "中文",
    "ꦲꦏ꧀ꦱꦫ",  # Aksara Jawa
    "🎉",
    "🇮🇩🔥",
    "!!!",
    "???",
    "-",
    "_",
    "——",
    "#",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "\u202eRTL",
    "\u200b",
    "ﷺ",
    "Ⅻ",
    "Straße",
    "ǅemal",
    "٣٤٥",
    "नमस्ते",
    "Ελληνικά",
    "한국어",
    "𝕳𝖊𝖑𝖑𝖔",
    "tag/dengan/garis",
    "a\tb",
    "x" * 100,
    "中" * 100,
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
]
ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


@pytest.fixture
def redaktur(client):
    user = make_user("Redaktur")
    client.force_login(user)
    return user


def save_tags(client, article, typed):
    article.refresh_from_db()
    # The article is live: a Redaktur's correction goes out with "Simpan dan terbitkan
    # perubahan" (a plain save would only propose it).
    data = change_data(article, tags=typed, _publish_proposal="1")
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def assert_public_pages_work(client, article):
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    tags = list(article.tags.all())
    assert tags
    for tag in tags:
        assert tag.slug and ASCII_SLUG.match(tag.slug), (tag.name, tag.slug)
        assert len(tag.slug) <= 100
        assert f'href="/tag/{tag.slug}/"' in html, tag.name
        listing = client.get(f"/tag/{tag.slug}/")
        assert listing.status_code == 200, tag.name
        assert article.title in listing.content.decode()
    for feed in ("/rss/", "/atom/", f"/kategori/{article.category.slug}/rss/"):
        assert client.get(feed).status_code == 200


@pytest.mark.parametrize("name", [n for n in HOSTILE if n.strip("\u200b \t")], ids=repr)
def test_hostile_tag_name_gives_working_pages(client, redaktur, publish, name):
    article = publish(byline=None)
    typed = f'"{name}"' if "," not in name else name
    save_tags(client, article, typed)
    assert_public_pages_work(client, article)


def test_all_at_once_never_collide(client, redaktur, publish):
    article = publish(byline=None)
    names = [n for n in HOSTILE if n.strip()] + ["Cafe", "cafe", "CAFÉ", "!!", "!?", "Jakarta"]
    save_tags(client, article, ", ".join(f'"{n}"' for n in names))
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == article.tags.count()
    assert_public_pages_work(client, article)
    # Saving the same tags again changes nothing and still works (save twice).
    save_tags(client, article, ", ".join(f'"{n}"' for n in names))
    assert sorted(Tag.objects.values_list("slug", flat=True)) == sorted(slugs)


def test_transliterated_slugs_are_readable(db):
    made = {name: Tag.objects.create(name=name).slug for name in ["Café", "Pèsta Rakyat", "中文"]}
    assert made == {"Café": "cafe", "Pèsta Rakyat": "pesta-rakyat", "中文": "zhongwen"}
    assert Tag.objects.create(name="!!!").slug.startswith("tag-")
    assert Tag.objects.create(name="Cafe").slug == "cafe-1"


def test_tag_longer_than_the_field_is_an_indonesian_form_error(client, redaktur, publish):
    article = publish(byline=None)
    article.refresh_from_db()
    response = client.post(
        change_url(article), change_data(article, tags="bimtek, " + "panjang" * 20)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["tags"]
    assert "paling banyak 100 karakter" in errors[0]
    assert not Tag.objects.exists()


def test_null_byte_in_a_tag_is_refused_with_a_clear_message(client, redaktur, publish):
    article = publish(byline=None)
    article.refresh_from_db()
    response = client.post(change_url(article), change_data(article, tags="bim\x00tek"))
    # The request guard refuses NUL bytes in any posted field before the form sees them.
    assert response.status_code == 400
    assert (
        "tidak sah" in response.content.decode().lower()
        or "nul" in response.content.decode().lower()
    )
    assert not article.tags.exists()


def test_migration_repairs_existing_bad_slugs(client, publish):
    bad = {
        "Café": "café",
        "!!!": "",
        "中文": "中文",
        "🎉": "_1",  # what taggit gave the second empty slug: a valid slug, kept
        "Pèsta": "pèsta",
    }
    tags = [Tag.objects.create(name=name, slug=slug) for name, slug in bad.items()]
    Tag.objects.create(name="cafe", slug="cafe")  # already taken: the repair must not collide
    article = publish(byline=None, tags=tags)
    migration = importlib.import_module("articles.migrations.0007_repair_tag_slugs")
    migration.repair_tag_slugs(apps, None)
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs["Café"] == "cafe-1" and slugs["中文"] == "zhongwen" and slugs["Pèsta"] == "pesta"
    assert slugs["!!!"].startswith("tag-") and slugs["🎉"] == "_1"
    assert len(set(slugs.values())) == len(slugs)
    assert_public_pages_work(client, article)


def test_unicode_slug_set_in_the_tag_admin_still_works(client, publish):
    tag = Tag.objects.create(name="Kafe Lokal", slug="kafé-lokal")
    article = publish(byline=None, tags=[tag])
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert client.get("/tag/kaf%C3%A9-lokal/").status_code == 200
