"""Hypothesis for the input tests: profiles (derandomized under CI=true), and a count of the
inputs generated, printed at the end of the run.

Each test's inputs are counted by `tests.security.fuzz.fuzz`; this file adds them up per test
in the reports' user properties, which pytest-xdist carries back; tests/conftest.py prints
the total in the terminal summary."""

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.security import fuzz

# The test client and the database are function-scoped fixtures shared by every example on
# purpose: each example runs in its own rolled-back savepoint (fuzz.each_example).
_common = dict(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
settings.register_profile("dev", **_common)
# CI: the same inputs every run, so a red build is reproducible and never flaky.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_common)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")

PROPERTY = fuzz.PROPERTY


@pytest.fixture(autouse=True)
def _count_inputs(request):
    before = fuzz.generated()
    yield
    made = fuzz.generated() - before
    if made:
        request.node.user_properties.append((PROPERTY, made))
