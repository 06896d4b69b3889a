"""Signals bookings sends; learning and certificates connect receivers in AppConfig.ready().

`places_confirmed(sender, order, places)`: sent once, after the commit that confirmed them.
"""

from django.dispatch import Signal

places_confirmed = Signal()
