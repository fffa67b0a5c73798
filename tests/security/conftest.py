import pytest

from tests.security.world import OTHER_BASE, OWN_BASE, build_world


@pytest.fixture
def worlds(db):
    """The own and the other commune, each with one object of every kind at a fixed id."""
    return {"own": build_world(OWN_BASE, "Mocrieng", "Phú Thọ"),
            "other": build_world(OTHER_BASE, "Mockhac", "Quảng Ngãi")}
