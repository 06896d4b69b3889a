"""A learner with a certificate downloads its Open Badge from My learning and checks it with
nothing but the key the site publishes, then opens their CPD record and downloads the NMC
spreadsheet. Each page axe-clean."""

import base64
import csv
import io
import json

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from cms.models import User
from tests.browser.test_certificates import certificate  # noqa: F401  (the fixture)
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_downloads_their_badge_and_cpd_record(visitor, certificate):  # noqa: F811
    User.objects.filter(pk=certificate.place.attendee_id).update(registration_body="NMC")
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "amara@example.com")
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)

    visitor.visit("/account/learning/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Open Badge (.jwt").click()
    token = open(download.value.path()).read()
    keys = KeySet.import_key_set(page.request.get("/.well-known/jwks.json").json())
    kid = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))["kid"]
    key = next(k for k in keys.keys if k.kid == kid)
    claims = jwt.decode(token, key, algorithms=["EdDSA"]).claims
    assert claims["credentialSubject"]["achievement"]["name"].endswith("5-day course")

    visitor.submit(page.get_by_role("link", name="Your CPD record for the NMC, GMC or HCPC"))
    assert page.get_by_role("heading", level=1).inner_text() == "Your CPD record"
    nmc = page.locator("section", has_text="Nursing and Midwifery Council")
    assert "Your regulator" in nmc.inner_text()
    with page.expect_download() as download:
        nmc.get_by_role("link", name="Download the NMC record (CSV spreadsheet)").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path()).read())))
    assert rows[0][0] == "Dates" and certificate.code in rows[1][-1]
