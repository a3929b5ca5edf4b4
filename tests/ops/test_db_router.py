from django.test import RequestFactory

from articles.models import Article
from kominfo.db_router import PublicReadReplicaRouter, ReplicaForPublicReadsMiddleware


def _route(request):
    seen = {}

    def view(req):
        seen["db"] = PublicReadReplicaRouter().db_for_read(Article)
        return None

    ReplicaForPublicReadsMiddleware(view)(request)
    return seen["db"]


def test_anonymous_public_get_reads_from_the_replica():
    assert _route(RequestFactory().get("/berita/x/")) == "replica"


def test_admin_post_and_logged_in_requests_read_the_primary():
    factory = RequestFactory()
    assert _route(factory.get("/admin/articles/article/")) == "default"
    assert _route(factory.post("/berita/x/")) == "default"
    logged_in = factory.get("/")
    logged_in.COOKIES["sessionid"] = "abc"
    assert _route(logged_in) == "default"
    assert PublicReadReplicaRouter().db_for_write(Article) == "default"
    assert PublicReadReplicaRouter().db_for_read(Article) == "default"  # outside a request
