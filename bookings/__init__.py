"""Who booked, who paid, and what is owed.

Owns ``Organisation``, ``Order``, ``Place`` (held -> confirmed -> cancelled/transferred),
``WaitlistEntry``, ``DiscountCode``, ``Payment``, ``Refund``, ``StripeEvent``, ``Invoice``,
``CreditNote`` and ``InvoiceSequence``, with the services that hold places, take card
payments through Stripe and issue invoices. Imports from ``cms`` and ``courses`` only.

``PlaceReminder`` records each reminder sent before a course starts (7 days and 1 day before,
by the hourly ``send_course_reminders`` task), so that none is sent twice.

``privacy``: the learner's bookings in their data export, and their anonymisation when the
account is erased (financial records kept, invoices as issued); ``retention`` and
``services.retention``: the nightly ``apply_retention_rules`` task's rules (requirements,
unpaid bookings' names, old waiting lists), whose periods the privacy notice states.

``confirmation_extras``: apps downstream register what a place's confirmation email should
add (learning: the link to the questions before the course), since bookings cannot import
them.
"""
