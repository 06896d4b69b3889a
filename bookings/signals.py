"""Signals bookings sends; learning and certificates connect receivers in AppConfig.ready().

`places_confirmed(sender, order, places)`: sent once, after the commit that confirmed them.
`places_released(sender, cohort_id, count)`: places went back to a cohort (a cancellation, a
transfer away, a lapsed hold), after the commit; the waiting list offers them on.
`place_passed_on(sender, place, previous_attendee_id, actor)`: after the commit that gave a
place to someone else; anything kept for the previous attendee must not follow the place.
"""

from django.dispatch import Signal

places_confirmed = Signal()
places_released = Signal()
place_passed_on = Signal()
