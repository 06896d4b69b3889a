"""Chasing: the billing contact is reminded at 7 and at 21 days overdue, each once, however
often or late the morning task runs; finance gets one list of the overdue invoices a day,
with the days overdue and what is still owed."""

import datetime
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.utils import timezone

from bookings.invoicing import chasing
from bookings.invoicing.chasing import chase_overdue
from bookings.invoicing.receipts import record_payment
from bookings.tasks import chase_overdue_invoices
from cms.groups import sync_groups
from tests.bookings.invoices import invoiced_order, receipt_for_card_booking
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

BILLING = "accounts@riverside.nhs.uk"


@pytest.fixture
def invoice(site):
    return invoiced_order()[1]


def days_after_due(invoice, days):
    return invoice.due_date + datetime.timedelta(days=days)


def reminders():
    return [m for m in mail.outbox if m.to == [BILLING] and "overdue" in m.subject]


def test_reminders_at_7_and_21_days_overdue_once_each(invoice):
    sent = []
    for days in [6, 7, 8, 20, 21, 22, 40]:
        chase_overdue(today=days_after_due(invoice, days))
        sent.append(len(reminders()))
    assert sent == [0, 1, 1, 1, 2, 2, 2]
    first, final = reminders()
    assert first.subject == f"Reminder: invoice {invoice.number} is 7 days overdue"
    assert final.subject == f"Final reminder: invoice {invoice.number} is 21 days overdue"
    assert "Still to pay: £700.00" in first.body and "PO number: 4500123456" in first.body
    assert f"Reference: {invoice.number}" in first.body and "/invoices/pay/" in first.body
    assert [name for name, _, _ in first.attachments] == [f"{invoice.number}.pdf"]
    invoice.refresh_from_db()
    assert invoice.reminders_sent == 2
    assert invoice.order.events.filter(kind="invoice_reminder").count() == 2


def test_running_twice_in_a_row_sends_once(invoice):
    day = days_after_due(invoice, 7)
    assert chase_overdue(today=day)["reminders"] == 1
    assert chase_overdue(today=day)["reminders"] == 0
    assert len(reminders()) == 1


def test_a_late_run_sends_only_the_reminder_now_due(invoice):
    chase_overdue(today=days_after_due(invoice, 25))
    assert [m.subject.split(":")[0] for m in reminders()] == ["Final reminder"]
    invoice.refresh_from_db()
    assert invoice.reminders_sent == 2


def test_a_paid_invoice_is_not_chased_and_a_part_paid_one_is_for_the_rest(site):
    _, paid = invoiced_order()
    _, part_paid = invoiced_order(po="4500999999")
    today = timezone.localdate()
    record_payment(invoice_id=paid.pk, amount_pence=70000, received_on=today, reference="BACS1")
    record_payment(
        invoice_id=part_paid.pk, amount_pence=20000, received_on=today, reference="BACS2"
    )
    chase_overdue(today=days_after_due(paid, 7))
    assert len(reminders()) == 1
    assert part_paid.number in reminders()[0].subject
    assert "Still to pay: £500.00" in reminders()[0].body


def test_a_card_receipt_is_never_chased(site, settings):
    settings.FINANCE_EMAIL = "finance-team@example.org"
    receipt = receipt_for_card_booking()
    assert chase_overdue(today=days_after_due(receipt, 30)) == {
        "reminders": 0,
        "overdue_listed": 0,
    }
    assert mail.outbox == []


def test_finance_gets_one_list_a_day(invoice, settings):
    settings.FINANCE_EMAIL = "finance-team@example.org"
    sync_groups()
    fiona = StaffUserFactory(email="fiona@example.org", is_superuser=False)
    fiona.groups.add(Group.objects.get(name="Finance"))
    StaffUserFactory(email="trainer@example.org", is_superuser=False)  # not in Finance
    day = days_after_due(invoice, 3)
    assert chase_overdue(today=day) == {"reminders": 0, "overdue_listed": 1}
    lists = [m for m in mail.outbox if m.subject.startswith("Overdue invoices")]
    assert sorted(m.to[0] for m in lists) == ["finance-team@example.org", "fiona@example.org"]
    body = lists[0].body
    assert f"{invoice.number}, Riverside NHS Foundation Trust, PO 4500123456: £700.00" in body
    assert "3 days overdue" in body and "£700.00 outstanding" in body
    assert chase_overdue(today=day)["overdue_listed"] == 0  # the same morning again
    assert chase_overdue(today=day + datetime.timedelta(days=1))["overdue_listed"] == 1


def test_nothing_overdue_sends_nothing(invoice, settings):
    settings.FINANCE_EMAIL = "finance-team@example.org"
    assert chase_overdue(today=invoice.due_date) == {"reminders": 0, "overdue_listed": 0}
    assert mail.outbox == []


def test_the_morning_task_is_scheduled_and_runs(invoice):
    entry = settings.CELERY_BEAT_SCHEDULE["chase-overdue-invoices"]
    assert entry["task"] == "bookings.tasks.chase_overdue_invoices"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {30}
    assert chase_overdue_invoices.delay().get() == {"reminders": 0, "overdue_listed": 0}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("locked", [False, True])
def test_two_runs_at_once_send_each_reminder_once(site, monkeypatch, locked):
    """Two workers chase at the same moment. Without the row lock both read "none sent" and
    both email (the guard can be seen to fail); with it, the second waits and finds it sent."""
    _, invoice = invoiced_order()
    day = days_after_due(invoice, 7)
    both_read = threading.Barrier(2, timeout=5)
    real_send = chasing._send_reminder

    def slow_send(*args, **kwargs):
        if not locked:
            both_read.wait()  # both workers are past the check before either writes
        real_send(*args, **kwargs)

    monkeypatch.setattr(chasing, "_send_reminder", slow_send)
    if not locked:
        monkeypatch.setattr(
            chasing.Invoice.objects,
            "select_for_update",
            lambda **lock: chasing.Invoice.objects.all(),
        )
    results = []

    def run():
        try:
            results.append(chasing.remind(invoice_id=invoice.pk, today=day))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ([False, True] if locked else [True, True])
    assert len(reminders()) == (1 if locked else 2)
