"""Who may open a module: learners with a confirmed place on a cohort of its course, from
the module's release date for that cohort; that cohort's trainers; staff.

`module_access` answers with the reason, so a refusal can say why and how to book.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from courses.models import Cohort
from learning.models import ModuleProgress


class Reason:
    OPEN = "open"
    TRAINER = "trainer"
    STAFF = "staff"
    SIGN_IN = "sign_in"
    NO_PLACE = "no_place"
    NOT_YET = "not_yet"


@dataclass(frozen=True)
class Access:
    allowed: bool
    reason: str
    cohort: Cohort | None = None  # the learner's cohort: progress is recorded against it
    opens_on: object = None  # a date, when the reason is NOT_YET
    done: bool = False  # whether the learner has marked the module done on that cohort

    @property
    def is_learner(self):
        return self.cohort is not None and self.reason == Reason.OPEN


def course_cohorts(module):
    """The cohorts of the module's course (a module lives directly under its CoursePage)."""
    return Cohort.objects.filter(course_id=module.get_parent().pk)


def module_access(user, module, today=None):
    today = today or timezone.localdate()
    if not user.is_authenticated:
        return Access(False, Reason.SIGN_IN)
    cohorts = course_cohorts(module)
    progress = ModuleProgress.objects.filter(user=user, module_id=module.pk)
    places = (
        Place.objects.filter(attendee=user, status=PlaceStatus.CONFIRMED, cohort__in=cohorts)
        .select_related("cohort")
        .order_by("cohort__start_date", "pk")
        .annotate(done=Exists(progress.filter(cohort=OuterRef("cohort"))))  # same query
    )
    # A learner on two cohorts of one course learns on the first that has released it.
    booked = [p.cohort for p in places]
    released = [p for p in places if module.release_date(p.cohort) <= today]
    if released:
        return Access(True, Reason.OPEN, cohort=released[0].cohort, done=released[0].done)
    if user.is_staff:
        return Access(True, Reason.STAFF)
    if cohorts.filter(trainers__user=user).exists():
        return Access(True, Reason.TRAINER)
    if booked:
        opens_on = min(module.release_date(c) for c in booked)
        return Access(False, Reason.NOT_YET, cohort=booked[0], opens_on=opens_on)
    return Access(False, Reason.NO_PLACE)
