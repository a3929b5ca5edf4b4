import pytest

from .helpers import make_world


@pytest.fixture
def world(db):
    return make_world()
