"""Signals bookings sends; learning and certificates connect receivers in AppConfig.ready().

`places_confirmed(sender, order, places)`: sent once, after the commit that confirmed them.
`places_released(sender, cohort_id, count)`: places went back to a cohort (a cancellation, a
transfer away, a lapsed hold), after the commit; the waiting list offers them on.
"""

from django.dispatch import Signal

places_confirmed = Signal()
places_released = Signal()
