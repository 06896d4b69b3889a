"""How many places a cohort has left, and whether it can be booked.

Places are owned by `bookings`, which is downstream: it registers a counter here in its
AppConfig.ready() (`register_places_counter`). A counter takes a list of cohort ids and
returns {cohort_id: places taken} from one query, so a listing of any number of cohorts
costs the same number of queries.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from courses.models import CohortStatus

_counters = []


def register_places_counter(counter):
    if counter not in _counters:
        _counters.append(counter)


def places_taken(cohort_ids):
    ids = list(cohort_ids)
    taken = dict.fromkeys(ids, 0)
    for counter in _counters:
        for cohort_id, count in counter(ids).items():
            taken[cohort_id] = taken.get(cohort_id, 0) + count
    return taken


@dataclass(frozen=True)
class Availability:
    capacity: int
    taken: int
    bookable: bool
    label: str
    reason: str = ""  # why it cannot be booked: cancelled, past, closed, not_open, full
    note: str = ""  # for example "Booking closes 3 March"

    @property
    def left(self):
        return max(0, self.capacity - self.taken)

    @property
    def full(self):
        return self.left == 0

    @property
    def waitlist(self):
        """A full cohort that is still open takes names for its waiting list."""
        return self.full and self.reason == "full"


def availability(cohort, taken, now=None):
    """What a learner is told about booking `cohort`, given the places already taken."""
    now = now or timezone.now()
    left = max(0, cohort.capacity - taken)

    def closed(label, reason):
        return Availability(cohort.capacity, taken, False, label, reason)

    if cohort.status == CohortStatus.CANCELLED:
        return closed("Cancelled", "cancelled")
    if cohort.status == CohortStatus.COMPLETED or cohort.start_date < timezone.localdate(now):
        return closed("This course has already started", "past")
    if cohort.status in (CohortStatus.CLOSED, CohortStatus.DRAFT) or now >= cohort.closes_at:
        return closed("Booking closed", "closed")
    if cohort.booking_opens and now < cohort.booking_opens:
        opens = date_format(timezone.localtime(cohort.booking_opens), "j F Y")
        return closed(f"Booking opens {opens}", "not_open")
    if left == 0:
        return closed("Full — join the waiting list", "full")
    places = "1 place left" if left == 1 else f"{left} places left"
    closes = date_format(timezone.localtime(cohort.closes_at), "j F")
    return Availability(cohort.capacity, taken, True, places, note=f"Booking closes {closes}")


def with_availability(cohorts, now=None):
    """Attach `.availability` to each cohort, with one counting query for all of them."""
    cohorts = list(cohorts)
    taken = places_taken(c.pk for c in cohorts)
    for cohort in cohorts:
        cohort.availability = availability(cohort, taken.get(cohort.pk, 0), now)
    return cohorts
