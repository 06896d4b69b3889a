"""Where the tests find a real Redis broker: CELERY_TEST_BROKER_URL. Without it the tests that
need one are skipped, except on CI (env CI set), where a skip would hide a missing service."""

import os

import pytest

BROKER_ENV = "CELERY_TEST_BROKER_URL"


def broker_url_or_skip():
    url = os.environ.get(BROKER_ENV)
    if url:
        return per_test_process(url)
    reason = f"{BROKER_ENV} is not set: no Redis broker to test against (see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; on CI this must not be skipped", pytrace=False)
    pytest.skip(reason)


def per_test_process(url):
    """Each pytest-xdist process gets its own Redis database (the named one, then the next),
    so one process's worker never takes another's tasks."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    base, _, number = url.rpartition("/")
    if not number.isdigit():
        return url
    return f"{base}/{int(number) + int(worker.removeprefix('gw'))}"
