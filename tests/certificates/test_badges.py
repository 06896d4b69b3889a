"""Open Badges 3.0: a certificate as a signed OpenBadgeCredential, verified with only what
the site publishes (its JWKS or its did:web document), and revocation and suspension on the
Bitstring Status Lists."""

import base64
import datetime
import hashlib
import json
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet, OKPKey

from certificates.badges import status_list
from certificates.models import Certificate, CertificateStatus
from certificates.services import issue_certificate, revoke_certificate
from courses.models import CoreSkillsTier
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def certificate(completed, course):
    course.core_skills_tier = CoreSkillsTier.TIER_2
    course.save()
    return issue_certificate(completed.pk)


def badge(client, user, certificate):
    client.force_login(user)
    response = client.get(f"/certificates/{certificate.code}/badge.jwt")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode()


def published_keys(client):
    """The site's JWKS, fetched as a verifier would: nothing else is trusted."""
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return KeySet.import_key_set(response.json())


def verify(token, key_set):
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    key = next(k for k in key_set.keys if k.kid == header["kid"])
    return jwt.decode(token, key, algorithms=["EdDSA"])


def status_bit(client, purpose, index):
    """Fetch the status list credential, check its signature, decode and read bit `index`."""
    response = client.get(f"/certificates/status/{purpose}/")
    assert response.status_code == 200
    token = verify(response.content.decode(), published_keys(client))
    subject = token.claims["credentialSubject"]
    assert token.claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == purpose
    bits = status_list.decode(subject["encodedList"])
    assert len(bits) * 8 >= 131_072
    return status_list.is_set(bits, index)


def test_a_badge_verifies_with_the_published_jwks(client, user, certificate):
    token = verify(badge(client, user, certificate), published_keys(client))
    assert token.header["alg"] == "EdDSA" and token.header["typ"] == "JWT"
    assert token.claims["iss"] == "did:web:127.0.0.1%3A8000"
    assert token.claims["jti"] == token.claims["id"]


def test_a_badge_verifies_with_the_did_web_document(client, user, certificate):
    token = badge(client, user, certificate)
    document = client.get("/.well-known/did.json").json()
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert (
        document["id"]
        == jwt.decode(token, published_keys(client).keys[0], algorithms=["EdDSA"]).claims["iss"]
    )
    method = next(m for m in document["verificationMethod"] if m["id"] == header["kid"])
    assert header["kid"] in document["assertionMethod"]
    key = OKPKey.import_key(method["publicKeyJwk"])
    assert jwt.decode(token, key, algorithms=["EdDSA"]).claims["id"]


@pytest.mark.parametrize("part", [0, 1, 2])
def test_a_changed_byte_does_not_verify(client, user, certificate, part):
    token = badge(client, user, certificate)
    pieces = token.split(".")
    # Change one character in the middle of the header, the payload or the signature.
    middle = len(pieces[part]) // 2
    swapped = "A" if pieces[part][middle] != "A" else "B"
    pieces[part] = pieces[part][:middle] + swapped + pieces[part][middle + 1 :]
    with pytest.raises((BadSignatureError, ValueError)):
        verify(".".join(pieces), published_keys(client))


def test_a_key_that_is_not_the_sites_does_not_verify(client, user, certificate):
    token = badge(client, user, certificate)
    stranger = OKPKey.generate_key("Ed25519")
    with pytest.raises(BadSignatureError):
        jwt.decode(token, stranger, algorithms=["EdDSA"])


def test_the_credential_has_the_open_badges_3_shape(client, user, certificate, course):
    claims = verify(badge(client, user, certificate), published_keys(client)).claims
    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["issuer"]["type"] == ["Profile"]
    assert claims["issuer"]["id"] == claims["iss"]
    assert claims["issuer"]["name"] and claims["issuer"]["url"] == settings.SITE_URL + "/"
    assert claims["validFrom"].endswith("Z") and claims["name"]

    subject = claims["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["creditsEarned"] == 32.5  # 30 participatory + 2.5 self-directed
    start, end = certificate.current.start_date, certificate.current.end_date
    assert datetime.datetime.fromisoformat(subject["activityStartDate"]) == (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=LONDON)
    )
    assert subject["activityEndDate"].startswith(f"{end.isoformat()}T23:59:59")
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == "Certificate of completion: 5-day course"
    assert achievement["id"].startswith("http") and achievement["description"]
    assert achievement["criteria"]["narrative"] == certificate.current.rule_summary
    assert achievement["creditsAvailable"] == float(course.cpd_hours)
    [aligned] = achievement["alignment"]
    assert aligned["type"] == ["Alignment"] and aligned["targetCode"] == "tier-2"
    assert (
        "Mental Health Core Skills Education and Training Framework" in (aligned["targetFramework"])
    )
    assert aligned["targetName"].startswith("Tier 2") and aligned["targetUrl"].startswith("https")

    [status_entry, suspension_entry] = claims["credentialStatus"]
    index = Certificate.objects.get(pk=certificate.pk).status_list_index
    assert status_entry == {
        "id": f"{settings.SITE_URL}/certificates/status/revocation/#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": f"{settings.SITE_URL}/certificates/status/revocation/",
    }
    assert suspension_entry["statusPurpose"] == "suspension"
    assert suspension_entry["statusListIndex"] == str(index)


def test_the_learner_is_identified_by_a_salted_hash_of_their_email(client, user, certificate):
    claims = verify(badge(client, user, certificate), published_keys(client)).claims
    email, name = claims["credentialSubject"]["identifier"]
    assert email["type"] == "IdentityObject" and email["identityType"] == "emailAddress"
    assert email["hashed"] is True
    expected = hashlib.sha256((user.email + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${expected}"
    assert user.email not in json.dumps(claims)
    assert name == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": "Amara Okafor",
    }


def test_a_course_without_a_tier_states_no_alignment(client, user, completed, course):
    certificate = issue_certificate(completed.pk)
    claims = verify(badge(client, user, certificate), published_keys(client)).claims
    assert claims["credentialSubject"]["achievement"]["alignment"] == []


def test_the_badge_is_made_once_and_kept(client, user, certificate):
    first = badge(client, user, certificate)
    assert badge(client, user, certificate) == first
    assert certificate.current.badge_jwt == first  # signed at issue by the task


def test_a_revoked_credential_shows_as_revoked_in_the_status_list(client, user, certificate):
    badge(client, user, certificate)
    index = Certificate.objects.get(pk=certificate.pk).status_list_index
    assert status_bit(client, "revocation", index) is False
    revoke_certificate(certificate.pk)
    assert status_bit(client, "revocation", index) is True
    assert status_bit(client, "suspension", index) is False


def test_a_suspended_credential_is_on_the_suspension_list_until_lifted(client, user, certificate):
    badge(client, user, certificate)
    index = Certificate.objects.get(pk=certificate.pk).status_list_index
    Certificate.objects.filter(pk=certificate.pk).update(
        status=CertificateStatus.SUSPENDED, status_changed_at=timezone.now()
    )
    assert status_bit(client, "suspension", index) is True
    assert status_bit(client, "revocation", index) is False
    Certificate.objects.filter(pk=certificate.pk).update(status=CertificateStatus.VALID)
    assert status_bit(client, "suspension", index) is False


def test_indexes_are_unique_and_kept(db, monkeypatch, certificate, other_user, cohort):
    """Two certificates drawing the same random index: the second draws again."""
    first = status_list.allocate_index(certificate.pk)
    assert status_list.allocate_index(certificate.pk) == first  # given once
    other = CertificateFactory(place=place_on(cohort, other_user))
    draws = iter([first, first, 77])
    monkeypatch.setattr(status_list.secrets, "randbelow", lambda n: next(draws))
    assert status_list.allocate_index(other.pk) == 77


def test_the_bitstring_sets_the_leftmost_bit_for_index_zero(db, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(status_list_index=0, status="revoked")
    bits = status_list.decode(status_list.encode(status_list.bitstring("revocation")))
    assert bits[0] == 0x80 and not any(bits[1:])
    assert status_list.encode(status_list.bitstring("revocation")).startswith("u")


def test_an_unknown_status_list_is_404(client, db):
    assert client.get("/certificates/status/refresh/").status_code == 404


def test_the_json_download_is_what_the_badge_states(client, user, certificate):
    token = badge(client, user, certificate)
    response = client.get(f"/certificates/{certificate.code}/badge.json")
    assert response.status_code == 200
    assert (
        response.json()
        == jwt.decode(token, published_keys(client).keys[0], algorithms=["EdDSA"]).claims
    )


@pytest.mark.parametrize("suffix", ["badge.jwt", "badge.json"])
def test_another_learner_cannot_fetch_the_badge(client, other_user, certificate, suffix):
    client.force_login(other_user)
    assert client.get(f"/certificates/{certificate.code}/{suffix}").status_code == 404


@pytest.mark.parametrize("suffix", ["badge.jwt", "badge.json"])
def test_anonymous_visitors_are_sent_to_sign_in(client, certificate, suffix):
    response = client.get(f"/certificates/{certificate.code}/{suffix}")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_a_revoked_certificate_has_no_badge_to_download(client, user, certificate):
    revoke_certificate(certificate.pk)
    client.force_login(user)
    assert client.get(f"/certificates/{certificate.code}/badge.jwt").status_code == 404


def test_the_status_list_query_count_does_not_grow(
    client, certificate, cohort, django_assert_max_num_queries
):
    """The same queries read the list, whether one certificate is revoked or thirty."""
    Certificate.objects.update(status="revoked", status_list_index=1)
    with CaptureQueriesContext(connection) as one:
        client.get("/certificates/status/revocation/")
    for number in range(30):
        learner = UserFactory(email=f"learner{number}@example.com")
        CertificateFactory(
            place=place_on(cohort, learner), status="revoked", status_list_index=100 + number
        )
    with (
        CaptureQueriesContext(connection) as many,
        django_assert_max_num_queries(len(one)),
    ):
        response = client.get("/certificates/status/revocation/")
    assert len(many) == len(one)
    assert response.status_code == 200


def test_the_badge_download_query_count_does_not_grow(
    client, user, certificate, course, django_assert_max_num_queries
):
    """The learner's badge costs the same queries whether they hold one certificate or ten."""
    badge(client, user, certificate)  # signed and kept: later downloads only read it
    with CaptureQueriesContext(connection) as one:
        badge(client, user, certificate)
    few = len(one)  # now: the next request empties the log it slices
    for number in range(9):
        cohort = CohortFactory(course=course, title=f"Run {number}")
        CertificateFactory(place=place_on(cohort, user))
    badge(client, user, certificate)  # the new cohorts made the kept site facts stale
    with django_assert_max_num_queries(few):
        badge(client, user, certificate)
