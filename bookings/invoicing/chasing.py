"""Chasing overdue invoices: a reminder to the billing contact at 7 and at 21 days overdue,
each at most once, and one list of every overdue invoice for finance, each morning.

The beat task may run twice, or late (a worker down over a weekend). Each reminder is
counted on the invoice (`reminders_sent`) under a row lock, so a second run finds it sent;
a run that comes late sends only the reminder now due, not the ones it missed.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from bookings.emails import _send
from bookings.invoicing.documents import document_context, ensure_pdf
from bookings.models import Invoice, OrderEvent

REMINDER_DAYS = (7, 21)  # days overdue at which the billing contact is reminded
FINANCE_GROUP = "Finance"


def reminders_due(days_overdue):
    """How many reminders should have gone by `days_overdue`: 0, 1 or 2."""
    return sum(1 for days in REMINDER_DAYS if days_overdue >= days)


def chase_overdue(today=None):
    """Send the reminders due today and the list for finance. Returns what was done."""
    today = today or timezone.localdate()
    first_due = today - datetime.timedelta(days=REMINDER_DAYS[0])
    candidates = chaseable(today).filter(
        due_date__lte=first_due, reminders_sent__lt=len(REMINDER_DAYS)
    )
    sent = sum(remind(invoice_id=pk, today=today) for pk in candidates.values_list("pk", flat=True))
    listed = email_finance_list(today)
    return {"reminders": sent, "overdue_listed": listed}


def chaseable(today):
    """Open invoices past their due date. Card receipts are never chased: they were paid at
    the time, even where no payment has been recorded against them."""
    return Invoice.objects.overdue(today).filter(paid_by_card=False)


def remind(*, invoice_id, today):
    """Email the reminder now due on one invoice, if it is still overdue and not yet sent."""
    with transaction.atomic():
        invoices = Invoice.objects.select_for_update(of=("self",)).select_related("order")
        invoice = invoices.get(pk=invoice_id)
        due = reminders_due(invoice.days_overdue(today))
        if invoice.paid_by_card or not invoice.is_overdue(today) or invoice.reminders_sent >= due:
            return False
        _send_reminder(invoice, nth=due, today=today)
        invoice.reminders_sent = due
        invoice.save(update_fields=["reminders_sent"])
        OrderEvent.objects.create(
            order=invoice.order,
            kind="invoice_reminder",
            message=f"Reminder {due} sent for {invoice.number}, "
            f"{invoice.days_overdue(today)} days overdue, to {invoice.customer_email}",
        )
    return True


def _send_reminder(invoice, *, nth, today):
    pdf = ensure_pdf(invoice)
    with pdf.open("rb") as stored:
        attachment = (f"{invoice.number}.pdf", stored.read(), "application/pdf")
    context = {
        **document_context(invoice),
        "order": invoice.order,
        "days_overdue": invoice.days_overdue(today),
        "final": nth == len(REMINDER_DAYS),
    }
    _send(
        to=invoice.customer_email,
        subject=f"{'Final reminder' if context['final'] else 'Reminder'}: invoice "
        f"{invoice.number} is {context['days_overdue']} days overdue",
        template="invoice_reminder",
        context=context,
        attachments=[attachment],
    )


def finance_addresses():
    """Everyone active in the Finance group with an email, and FINANCE_EMAIL if set."""
    users = get_user_model().objects.filter(groups__name=FINANCE_GROUP, is_active=True)
    addresses = {email for email in users.values_list("email", flat=True) if email}
    if settings.FINANCE_EMAIL:
        addresses.add(settings.FINANCE_EMAIL)
    return sorted(addresses)


def email_finance_list(today):
    """One email a day to finance listing every overdue invoice; returns how many it listed.
    A second run the same day sends nothing (the day is claimed in the shared cache)."""
    overdue = list(chaseable(today).select_related("order").order_by("due_date", "number"))
    addresses = finance_addresses()
    if not overdue or not addresses:
        return 0
    if not cache.add(f"overdue-invoices-listed:{today.isoformat()}", True, 60 * 60 * 36):
        return 0
    rows = [(invoice, invoice.days_overdue(today)) for invoice in overdue]
    context = {
        "rows": rows,
        "today": today,
        "total_pence": sum(invoice.balance_pence for invoice in overdue),
        "admin_url": settings.SITE_URL + "/admin/",
    }
    for address in addresses:
        _send(
            to=address,
            subject=f"Overdue invoices on {today:%-d %B %Y}: {len(rows)}",
            template="overdue_invoices",
            context=context,
        )
    return len(rows)
