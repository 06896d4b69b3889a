"""The finance workspace in the Wagtail admin, for the Finance group and admins.

- `viewsets`: the Finance menu — invoices, credit notes and payments received (read-only
  listings; an issued document is never edited) and the pages below.
- `filters`: the invoice listing's filters (status with "overdue", course, organisation,
  issue dates).
- `actions`: record a payment, issue a credit note, resend, download the PDF or XML.
- `po`: confirmed invoice bookings still waiting for their purchase order.
- `aged_debt`: open invoices by customer and by how long overdue, with a CSV.
- `exports`: invoices, credit notes and payments as CSV for a date range, streamed.
- `reports`: revenue and places by course and month, and each cohort's fill rate.

Trainers never see money: every page checks a `bookings` permission that only Finance
(and superusers) hold.
"""

VIEW = "bookings.view_invoice"
MANAGE = "bookings.manage_invoice"
