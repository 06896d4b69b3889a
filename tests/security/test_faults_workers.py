"""Fault: a worker dies in the middle of issuing a certificate or delivering an invoice. Each
crash is raised where the partial work is done (the row committed, the PDF file written),
then Celery runs the task again, as it does with acks_late and reject_on_worker_lost (eager
here: a retry runs at once). Exactly one result: one certificate, one invoice number, one
stored PDF and one email."""

from pathlib import Path

import pytest
from celery.exceptions import Retry
from django.core.files.storage import FileSystemStorage

from bookings.models import Invoice
from bookings.tasks import deliver_document
from certificates.models import Certificate
from certificates.services import issue_certificate
from certificates.tasks import deliver_certificate, issue_if_due
from tests.certificates.conftest import (  # noqa: F401 - its fixtures
    cohort,
    completed,
    course,
    modules,
    place,
    quizzes,
    sessions,
)
from tests.factories.bookings import invoiced_order
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


class WorkerDied(OSError):
    """What the task sees in place of the process dying: OSError, which it retries."""


@pytest.fixture
def dies_after_writing_the_file(monkeypatch):
    """The first file stored is written in full, then the worker 'dies' before the row
    records it; the retry stores normally. Yields the files written, by name."""
    written = []
    real_save = FileSystemStorage._save

    def save(storage, name, content):
        stored = real_save(storage, name, content)
        written.append(Path(storage.path(stored)))
        if len(written) == 1:
            raise WorkerDied("killed after writing the PDF")
        return stored

    monkeypatch.setattr(FileSystemStorage, "_save", save)
    return written


def on_disk(files):
    return {f for f in files if f.exists()}


def test_a_certificate_whose_worker_died_before_delivery_is_delivered_on_the_rerun(
    completed,  # noqa: F811 - the imported fixture
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # The issue commits; the worker dies before its after-commit work queues the delivery.
    with django_capture_on_commit_callbacks(execute=False):
        issue_certificate(completed.pk)
    version = Certificate.objects.get().current
    assert not version.pdf and mailoutbox == []
    # Celery redelivers the unacknowledged task to another worker.
    with django_capture_on_commit_callbacks(execute=True):
        issue_if_due.delay(completed.pk)
        issue_if_due.delay(completed.pk)  # and a learner's later step: nothing more
    certificate = Certificate.objects.get()
    version.refresh_from_db()
    assert version.pdf and version.emailed_at is not None
    assert len(mailoutbox) == 1
    assert certificate.versions.count() == 1


def run_crashing(callbacks):
    """Run the after-commit work; the task fails and asks Celery to retry it (eager mode
    raises the Retry that a worker would schedule)."""
    with pytest.raises(Retry):
        for callback in callbacks:
            callback()


def test_a_certificate_pdf_half_stored_when_the_worker_died_is_stored_once(
    completed,  # noqa: F811 - the imported fixture
    mailoutbox,
    django_capture_on_commit_callbacks,
    dies_after_writing_the_file,
):
    with django_capture_on_commit_callbacks() as callbacks:
        issue_if_due.delay(completed.pk)
    run_crashing(callbacks)
    version = Certificate.objects.get().current
    deliver_certificate.delay(version.pk)  # the retry
    version.refresh_from_db()
    assert Certificate.objects.count() == 1 and version.certificate.versions.count() == 1
    assert len(dies_after_writing_the_file) == 2  # rendered and written again by the retry
    assert on_disk(dies_after_writing_the_file) == {Path(version.pdf.path)}
    assert len(mailoutbox) == 1 and mailoutbox[0].attachments


def test_an_invoice_pdf_half_stored_when_the_worker_died_keeps_one_number_and_file(
    site, mailoutbox, django_capture_on_commit_callbacks, dies_after_writing_the_file
):
    with django_capture_on_commit_callbacks() as callbacks:
        order = invoiced_order(CohortFactory(capacity=3), n=2)
    run_crashing(callbacks)
    invoice = Invoice.objects.get(order=order)
    deliver_document.delay(invoice.pk, "invoice", True)  # the retry
    invoice.refresh_from_db()
    assert Invoice.objects.count() == 1
    assert invoice.number.endswith("0001") and invoice.sequence_number == 1
    assert len(dies_after_writing_the_file) == 2
    assert on_disk(dies_after_writing_the_file) == {Path(invoice.pdf.path)}
    emailed_to = [m.to[0] for m in mailoutbox if invoice.number in m.subject]
    assert sorted(emailed_to) == sorted({invoice.customer_email, order.buyer_email})
    assert invoice.emailed_at is not None
