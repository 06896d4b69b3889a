"""Invoicing: what an employer is asked to pay, and what it has paid.

- `vat`: which VAT treatment each line gets (per course for fees, site-wide for catering
  and accommodation).
- `numbering`: gapless numbers from a locked `InvoiceSequence`, taken in the transaction
  that creates the document.
- `issue`: invoices (and card receipts) from an order's places, credit notes against them.
- `receipts`: payments received by bank transfer or through an invoice's card link.
- `po`: paying by invoice from the booking flow, and the purchase orders still awaited.
- `documents`: the PDF (WeasyPrint) and UBL 2.1 / Peppol BIS Billing 3.0 XML of each.
- `chasing`: reminders at 7 and 21 days overdue, once each.

An issued invoice is never edited: a cancellation or a correction is a credit note.
"""
