"""Gapless numbers under contention: 50 invoices, then 50 credit notes, issued from
parallel threads (on PostgreSQL in CI) take numbers 1 to 50 of their sequence."""

import threading

import pytest
from django.db import close_old_connections, connection

from bookings.invoicing import issue
from bookings.invoicing.issue import issue_credit_note
from bookings.invoicing.po import record_po
from bookings.models import CreditNote, Invoice
from tests.factories.bookings import OrganisationFactory, invoiced_order
from tests.factories.courses import CohortFactory

N = 50


def in_parallel(work, items):
    barrier = threading.Barrier(len(items))
    errors = []

    def run(item):
        close_old_connections()
        barrier.wait()
        try:
            work(item)
        except Exception as exc:  # noqa: BLE001 — every failure is reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_invoices_and_fifty_credit_notes_at_once_leave_no_gap(site, monkeypatch):
    # Numbering is the subject here: each delivery is counted, not run in these threads.
    delivered = []
    monkeypatch.setattr(issue, "_deliver", lambda pk, **kw: delivered.append(pk))
    trust = OrganisationFactory(po_required=True)
    cohort = CohortFactory(capacity=N)
    orders = [invoiced_order(cohort, organisation=trust) for _ in range(N)]
    assert not Invoice.objects.exists()  # all waiting for their PO

    errors = in_parallel(
        lambda order: record_po(order_id=order.pk, po_number=f"PO{order.pk}", actor=None), orders
    )
    assert errors == []
    numbers = sorted(Invoice.objects.values_list("sequence_number", flat=True))
    assert numbers == list(range(1, N + 1))

    invoices = list(Invoice.objects.all())
    errors = in_parallel(
        lambda inv: issue_credit_note(invoice_id=inv.pk, amount_pence=100, reason="race"),
        invoices,
    )
    assert errors == []
    notes = sorted(CreditNote.objects.values_list("sequence_number", flat=True))
    assert notes == list(range(1, N + 1))
    assert len(set(CreditNote.objects.values_list("number", flat=True))) == N
    assert len(delivered) == 2 * N  # each document queued for its PDF and email once
