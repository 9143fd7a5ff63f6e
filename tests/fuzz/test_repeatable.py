"""CI draws the same inputs on every run: a red fuzz run is red again when someone looks at it."""

import os

import pytest
from hypothesis import given

from tests.fuzz.strategies import fuzz, hostile_value

pytestmark = pytest.mark.skipif(
    os.environ.get("HYPOTHESIS_PROFILE") == "random", reason="make fuzz-random draws new inputs on purpose"
)


def drawn() -> list:
    values = []

    @fuzz(max_examples=20)
    @given(value=hostile_value)
    def record(value):
        values.append(value)

    record()
    return values


def test_two_runs_draw_the_same_hostile_values():
    assert drawn() == drawn()
