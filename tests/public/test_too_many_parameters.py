"""More than DATA_UPLOAD_MAX_NUMBER_FIELDS query parameters is a 400 on every public
address, never a 500 (attacker finding: the 404 page read request.GET again)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HOSTILE = "&".join(f"k{i}=v" for i in range(1100))


@pytest.mark.parametrize(
    "path", ["/berita/tidak-ada/", "/tidak-ada/", "/", "/cari/", "/agenda/", "/halaman/x/"]
)
def test_too_many_query_parameters_is_a_bad_request(path):
    response = Client(raise_request_exception=False).get(f"{path}?{HOSTILE}")
    assert response.status_code == 400
