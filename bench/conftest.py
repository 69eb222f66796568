"""The benchmarks use the same role fixtures and builders as the tests."""

from tests.conftest import *  # noqa: F403
