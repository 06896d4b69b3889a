"""The workspace's Certificates tab: each learner's status, issuing for all who qualify
(confirm, then a Celery group, once however often it is posted), issuing one with an
override reason, the cohort's ZIP of PDFs and the training-records CSV for employers — for
the cohort's trainers and staff only."""

import csv
import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from certificates.models import Certificate, CertificateBatch
from certificates.services import batch_progress, issue_certificate
from cms.groups import sync_groups
from tests.certificates.conftest import attend
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db


def make_trainer(cohort, email="trainer@example.com"):
    sync_groups()
    user = UserFactory(email=email, is_staff=True)
    user.groups.add(Group.objects.get(name="Trainers"))
    TOTPAuthenticatorFactory(user=user)
    cohort.trainers.add(TrainerFactory(user=user))
    return user


@pytest.fixture
def trainer(cohort):
    return make_trainer(cohort)


@pytest.fixture
def ben(cohort, sessions, modules):
    """Ben came to three of the five sessions and passed nothing: attendance only."""
    user = UserFactory(
        first_name="Ben", last_name="Hughes", email="ben@example.com", staff_number="E12345"
    )
    place = place_on(cohort, user)
    place.organisation_name = "Leeds and York Partnership NHS FT"
    place.save()
    attend(place, sessions[:3])
    return place


@pytest.fixture
def cara(cohort, modules):
    """Cara came to nothing: no certificate due."""
    return place_on(cohort, UserFactory(first_name="Cara", last_name="Nwosu"))


def url(name, cohort, *args):
    return reverse(name, args=[cohort.pk, *args])


def issue_all(client, cohort, key, count=None):
    """Post the confirmation as the page shows it (the number due now, unless given)."""
    if count is None:
        page = client.get(url("certificates_issue_all", cohort)).content.decode()
        count = re.search(r'name="count" value="(\d+)"', page)
        count = count.group(1) if count else 0
    return client.post(url("certificates_issue_all", cohort), {"key": key, "count": count})


def test_the_tab_shows_each_learners_status_and_links_to_verify(
    client, trainer, cohort, completed, ben, cara
):
    certificate = issue_certificate(ben.pk)
    client.force_login(trainer)
    page = client.get(url("certificates_cohort", cohort)).content.decode()
    assert 'aria-current="page">Certificates' in page
    amara = page.split("Amara Okafor</th>")[1].split("</tr>")[0]
    assert "Eligible for a certificate of completion" in amara
    bens = page.split("Ben Hughes</th>")[1].split("</tr>")[0]
    assert "Issued" in bens and certificate.display_code in bens
    assert reverse("certificates:verify_code", args=[certificate.code]) in bens
    assert "Certificate of attendance, valid" in bens
    caras = page.split("Cara Nwosu</th>")[1].split("</tr>")[0]
    assert "Not yet: still to attend" in caras
    assert url("certificates_override", cohort, cara.pk) in caras
    assert "1 learner can be issued a certificate now: 1 of completion, 0 of attendance" in page
    Certificate.objects.filter(pk=certificate.pk).update(status="revoked")
    page = client.get(url("certificates_cohort", cohort)).content.decode()
    bens = page.split("Ben Hughes</th>")[1].split("</tr>")[0]
    assert "No valid certificate" in bens and "Certificate of attendance, revoked" in bens


def test_the_confirmation_says_how_many_before_anything_is_sent(
    client, trainer, cohort, completed, ben, cara, mailoutbox
):
    client.force_login(trainer)
    page = client.get(url("certificates_issue_all", cohort)).content.decode()
    assert "This will issue 2 certificates (1 of completion, 1 of attendance)" in page
    assert "Issue and email 2 certificates" in page
    assert "Cara Nwosu" not in page
    assert not Certificate.objects.exists() and not mailoutbox


def test_issuing_for_all_twice_with_one_key_issues_and_emails_once(
    client, trainer, cohort, completed, ben, cara, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        first = issue_all(client, cohort, "a" * 32)
        second = issue_all(client, cohort, "a" * 32)
    batch = CertificateBatch.objects.get()
    assert first.url == second.url == url("certificates_batch", cohort, batch.pk)
    kinds = dict(Certificate.objects.values_list("place_id", "kind"))
    assert kinds == {completed.pk: "completion", ben.pk: "attendance"}
    assert Certificate.objects.get(place=ben).issued_by == trainer
    assert sorted(m.to[0] for m in mailoutbox) == ["amara@example.com", "ben@example.com"]
    progress = batch_progress(batch)
    assert (progress.total, progress.issued, progress.finished) == (2, 2, True)


def test_nothing_is_issued_when_the_number_due_changed_since_the_confirmation(
    client, trainer, cohort, completed, cara, sessions, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    attend(cara, sessions[:2])  # Cara's register is filled in while the trainer looks
    with django_capture_on_commit_callbacks(execute=True):
        response = issue_all(client, cohort, "key-4", count=1)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The number of certificates due changed" in page
    assert "This will issue 2 certificates" in page and 'name="count" value="2"' in page
    assert not CertificateBatch.objects.exists() and not Certificate.objects.exists()


def test_a_second_batch_finds_nobody_left_to_issue(
    client, trainer, cohort, completed, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        issue_all(client, cohort, "first-key")
    with django_capture_on_commit_callbacks(execute=True):
        response = issue_all(client, cohort, "second-key")
    assert response.url == url("certificates_cohort", cohort)
    assert Certificate.objects.count() == 1 and len(mailoutbox) == 1
    page = client.get(response.url).content.decode()
    assert "Nobody on this cohort is due a certificate now" in page


def test_the_progress_page_counts_what_is_issued_in_a_live_region(
    client, trainer, cohort, completed, ben, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    response = issue_all(client, cohort, "key-1")  # tasks not run: nothing issued yet
    page = client.get(response.url).content.decode()
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert "<strong>0 of 2</strong>" in page and "Still issuing 2" in page
    assert "batch-progress.mjs" in page and "data-refresh=" in page
    issue_certificate(completed.pk)
    fragment = client.get(response.url, {"fragment": 1}).content.decode()
    assert "<strong>1 of 2</strong>" in fragment and "<nav" not in fragment
    issue_certificate(ben.pk)
    page = client.get(response.url).content.decode()
    assert "<strong>2 of 2</strong>" in page and "Finished." in page
    assert "data-refresh=" not in page


def test_a_place_cancelled_before_its_task_ran_is_counted_as_not_due(
    client, trainer, cohort, completed, ben, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    response = issue_all(client, cohort, "key-2")
    ben.status = "cancelled"
    ben.save()
    batch = CertificateBatch.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        from certificates.services import queue_batch

        queue_batch(batch)
    progress = batch_progress(batch)
    assert (progress.issued, progress.not_due, progress.finished) == (1, 1, True)
    assert "1 was not issued" in client.get(response.url).content.decode()


def test_an_override_needs_a_reason_and_keeps_it(
    client, trainer, cohort, cara, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    override = url("certificates_override", cohort, cara.pk)
    page = client.post(override, {"reason": "   "}).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_reason"' in page and 'aria-invalid="true"' in page
    assert "Enter the reason for issuing the certificate without the rule being met." in page
    assert not Certificate.objects.exists()
    reason = "Attended Day 1 with the March cohort instead."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(override, {"reason": reason})
        client.post(override, {"reason": reason})  # a double click
    assert response.url == url("certificates_cohort", cohort)
    certificate = Certificate.objects.get()
    assert (certificate.kind, certificate.override_reason) == ("completion", reason)
    assert certificate.issued_by == trainer and len(mailoutbox) == 1


def test_no_override_over_another_certificate(client, trainer, cohort, ben):
    issue_certificate(ben.pk)
    client.force_login(trainer)
    page = client.post(
        url("certificates_override", cohort, ben.pk), {"reason": "Passed on paper."}
    ).content.decode()
    assert "already holds a certificate" in page
    assert Certificate.objects.count() == 1


def test_the_zip_holds_each_valid_certificate_as_a_pdf(client, trainer, cohort, completed, ben):
    amara = issue_certificate(completed.pk)
    bens = issue_certificate(ben.pk)
    Certificate.objects.filter(pk=bens.pk).update(status="revoked")
    client.force_login(trainer)
    response = client.get(url("certificates_zip", cohort))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"amara-okafor-{amara.code}.pdf"]
    assert archive.read(archive.namelist()[0]).startswith(b"%PDF")
    assert amara.current.pdf  # rendered for the ZIP, and kept


def test_no_zip_without_certificates(client, trainer, cohort, cara):
    client.force_login(trainer)
    response = client.get(url("certificates_zip", cohort))
    assert response.status_code == 302


def test_the_training_records_csv_has_a_row_a_trust_can_load(
    client, trainer, cohort, completed, ben, cara, sessions
):
    completed.organisation_name = "=cmd|' /C calc'!A0"
    completed.save()
    certificate = issue_certificate(ben.pk)
    client.force_login(trainer)
    response = client.get(url("certificates_staff_csv", cohort))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, amara, bens, caras = rows
    assert header == [
        "Name",
        "Employer",
        "Staff number",
        "Course code",
        "Course",
        "Session dates",
        "Sessions attended",
        "Sessions held",
        "Completion date",
        "Award",
        "CPD hours",
        "Participatory CPD hours",
        "Certificate code",
    ]
    assert bens[:5] == [
        "Ben Hughes",
        "Leeds and York Partnership NHS FT",
        "E12345",
        "five-day-course",
        "5-day course",
    ]
    assert len(bens[5].split("; ")) == 5 and bens[6:8] == ["3", "5"]
    assert bens[8] == ""  # attendance, not completion
    assert bens[9] == "Certificate of attendance" and bens[10] == "18.0" == bens[11]
    assert bens[12] == certificate.display_code
    assert amara[1].startswith("'=")  # a formula in a booking field is not run
    assert amara[9:] == ["", "", "", ""]  # due, but not issued yet
    assert caras[0] == "Cara Nwosu" and caras[2] == ""


def test_a_completion_date_is_the_day_the_certificate_was_issued(
    client, trainer, cohort, completed
):
    certificate = issue_certificate(completed.pk)
    client.force_login(trainer)
    response = client.get(url("certificates_staff_csv", cohort))
    amara = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))[1]
    assert amara[8] == certificate.issued_at.date().isoformat()
    assert amara[9] == "Certificate of completion"


def every_url(cohort, place_id, batch_id):
    return [
        url("certificates_cohort", cohort),
        url("certificates_issue_all", cohort),
        url("certificates_batch", cohort, batch_id),
        url("certificates_override", cohort, place_id),
        url("certificates_zip", cohort),
        url("certificates_staff_csv", cohort),
    ]


def test_a_trainer_of_another_cohort_and_a_learner_reach_none_of_it(
    client, cohort, completed, django_capture_on_commit_callbacks
):
    theirs = make_trainer(cohort)
    client.force_login(theirs)
    issue_all(client, cohort, "their-key")
    batch = CertificateBatch.objects.get()
    other = CohortFactory(course=cohort.course)
    outsider = make_trainer(other, email="outsider@example.com")
    urls = every_url(cohort, completed.pk, batch.pk)
    client.force_login(outsider)
    for address in urls:
        assert client.get(address).status_code == 404, address
    assert issue_all(client, cohort, "outsider-key").status_code == 404
    assert client.post(urls[3], {"reason": "x"}).status_code == 404
    client.force_login(completed.attendee)
    for address in urls:
        assert client.get(address).status_code in (302, 403), address
    assert CertificateBatch.objects.count() == 1 and not Certificate.objects.exists()


def test_a_batch_of_another_cohort_is_not_found_under_this_one(client, trainer, cohort, completed):
    client.force_login(trainer)
    issue_all(client, cohort, "key-3")
    batch = CertificateBatch.objects.get()
    other = CohortFactory(course=cohort.course)
    other.trainers.add(*cohort.trainers.all())
    assert client.get(url("certificates_batch", other, batch.pk)).status_code == 404


def test_a_place_of_another_cohort_cannot_be_overridden_here(client, trainer, cohort):
    other = CohortFactory(course=cohort.course)
    stranger = place_on(other, UserFactory())
    client.force_login(trainer)
    response = client.post(url("certificates_override", cohort, stranger.pk), {"reason": "x"})
    assert response.status_code == 404 and not Certificate.objects.exists()


def test_viewers_without_the_add_permission_cannot_issue(client, cohort, completed):
    """Wagtail turns PermissionDenied into a redirect to the admin home."""
    viewer = UserFactory(email="viewer@example.com", is_staff=True)
    TOTPAuthenticatorFactory(user=viewer)
    viewer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_cohort", "change_cohort", "view_certificate"]
        )
    )
    client.force_login(viewer)
    page = client.get(url("certificates_cohort", cohort)).content.decode()
    assert "Issue certificates for all who qualify" not in page
    assert client.get(url("certificates_issue_all", cohort)).url == "/admin/"
    assert issue_all(client, cohort, "viewer-key").url == "/admin/"
    response = client.post(url("certificates_override", cohort, completed.pk), {"reason": "x"})
    assert response.url == "/admin/"
    assert not CertificateBatch.objects.exists() and not Certificate.objects.exists()


@pytest.mark.parametrize("n", [1, 10])
def test_the_tab_takes_a_fixed_number_of_queries(
    client, trainer, cohort, sessions, modules, django_assert_max_num_queries, n
):
    for _ in range(n):
        place = place_on(cohort, UserFactory())
        attend(place, sessions[:3])
        issue_certificate(place.pk)
    client.force_login(trainer)
    address = url("certificates_cohort", cohort)
    client.get(address)
    with django_assert_max_num_queries(24):
        assert client.get(address).status_code == 200


def test_the_home_panel_sends_the_trainer_to_the_certificates_tab(
    client, trainer, cohort, completed
):
    client.force_login(trainer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = page.split('id="certificates-due-section"')[1].split("</table>")[0]
    assert f'href="{url("certificates_cohort", cohort)}"' in panel


def test_a_key_committed_by_a_concurrent_request_returns_its_batch(
    trainer, cohort, completed, monkeypatch
):
    """The second request looked before the first committed, then hits the unique key."""
    from certificates.services import start_batch

    first = start_batch(cohort, actor=trainer, key="same-key")
    lookups = []
    real_filter = CertificateBatch.objects.filter

    def not_there_yet(*args, **kwargs):
        if not lookups:
            lookups.append(kwargs)
            return CertificateBatch.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(CertificateBatch.objects, "filter", not_there_yet)
    assert start_batch(cohort, actor=trainer, key="same-key") == first
    assert lookups == [{"submission_key": "same-key"}]
    assert CertificateBatch.objects.count() == 1
