"""An article cannot go to review while its featured image lacks alt text
(unless the image is marked decorative)."""

import pytest

from publishing.workflow import missing_for_review
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db
ALT_MISSING = "teks alternatif foto utama"  # Indonesian UI


def test_featured_image_without_alt_text_blocks_review():
    article = make_article(featured_image=make_image(alt_text=""))
    assert ALT_MISSING in [str(item) for item in missing_for_review(article)]


def test_decorative_image_needs_no_alt_text():
    article = make_article(featured_image=make_image(alt_text="", is_decorative=True))
    assert missing_for_review(article) == []


def test_alt_text_satisfies_the_rule():
    article = make_article(featured_image=make_image(alt_text="Peserta bimtek di Mataram"))
    assert missing_for_review(article) == []
