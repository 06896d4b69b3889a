"""Where the tests find a real Redis broker: CELERY_TEST_BROKER_URL. Without it the tests that
need one are skipped, except on CI (env CI set), where a skip would hide a missing service."""

import os

import pytest

BROKER_ENV = "CELERY_TEST_BROKER_URL"


def broker_url_or_skip():
    url = os.environ.get(BROKER_ENV)
    if url:
        return url
    reason = f"{BROKER_ENV} is not set: no Redis broker to test against (see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; on CI this must not be skipped", pytrace=False)
    pytest.skip(reason)
