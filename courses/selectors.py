"""Reads shared by the catalogue pages, with a fixed number of queries whatever the data."""

from django.db.models import Prefetch
from django.utils import timezone

from courses.availability import with_availability
from courses.models import Cohort, CoursePage, CourseTrainer, PriceTier


def live_courses(index_page):
    return list(
        CoursePage.objects.child_of(index_page)
        .live()
        .prefetch_related(
            Prefetch("price_tiers", queryset=PriceTier.objects.order_by("price_pence"))
        )
        .order_by("path")
    )


def listed_cohorts(courses, *, month=None, delivery=None, available_only=False, now=None):
    """Upcoming published cohorts of `courses`, filtered, each with `.availability`."""
    cohorts = Cohort.objects.published().upcoming().filter(course__in=courses)
    if month:
        cohorts = cohorts.filter(start_date__year=month.year, start_date__month=month.month)
    if delivery:
        cohorts = cohorts.filter(delivery=delivery)
    cohorts = with_availability(cohorts.for_listing(), now=now)
    if available_only:
        cohorts = [c for c in cohorts if c.availability.bookable]
    return cohorts


def course_cohorts(course, now=None):
    """Published cohorts of one course from today on, cancelled ones included (they say why)."""
    today = timezone.localdate(now) if now else timezone.localdate()
    cohorts = Cohort.objects.published().filter(course=course, start_date__gte=today).for_listing()
    return with_availability(cohorts.prefetch_related("trainers"), now=now)


def course_trainers(course):
    return [
        ct.trainer for ct in CourseTrainer.objects.filter(course=course).select_related("trainer")
    ]
