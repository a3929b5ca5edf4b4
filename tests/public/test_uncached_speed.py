"""What the uncached public pages must keep while they were made cheaper (issue 12):
no session read for anonymous public requests (so no ``Vary: Cookie``), and the search
that skips the second pass when the first one saw every live row."""

import pytest

from tests.factories import make_category

pytestmark = pytest.mark.django_db


def test_public_pages_do_not_read_the_session(client, publish, editor):
    category = make_category("Berita")
    article = publish(title="Jembatan baru dibuka", category=category)
    pages = ["/", article.get_absolute_url(), f"/kategori/{category.slug}/", "/cari/?q=jembatan"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Cookie" not in response.get("Vary", ""), url
        assert "sessionid" not in response.cookies, url
    # A signed-in editor reading the public site gets the same public page ...
    client.force_login(editor)
    assert "Cookie" not in client.get(article.get_absolute_url()).get("Vary", "")
    # ... while the admin still reads the session (and varies on it).
    assert "Cookie" in client.get("/admin/").get("Vary", "")
