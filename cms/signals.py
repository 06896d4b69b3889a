"""Signals the site shell sends; downstream apps connect receivers in their AppConfig.ready().

`personal_data_requested(sender, user, data)`: a receiver adds its section to the dict `data`
(JSON-serialisable) for the learner's data export.

`account_erasing(sender, user, choices)`: sent inside the erasure transaction, before the user
row goes. A receiver removes personal data it holds and anonymises records that must be kept
(orders, invoices), and leaves the foreign keys to the user for the deletion to clear: a
receiver further right still finds its records through them. `choices` holds the learner's
answers to the questions apps registered in `cms.erasure` (`{"certificates": "keep"}`).
"""

from django.dispatch import Signal

personal_data_requested = Signal()
account_erasing = Signal()
