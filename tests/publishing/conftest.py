import pytest

from tests.workflow.helpers import make_world


@pytest.fixture
def world(db):
    return make_world()
