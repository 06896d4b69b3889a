"""Reads shared by the catalogue pages, with a fixed number of queries whatever the data."""

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField

from courses.availability import with_availability
from courses.models import Cohort, CoursePage, CourseTrainer, PriceTier


def long_course_fields(path):
    """The course page's long content (its streams and rich text) reached through `path`
    ("cohort__course"), to `defer()` in a list of orders or places that shows the course's
    title: otherwise every row reads and parses it all."""
    fields = CoursePage._meta.concrete_fields
    return [f"{path}__{f.name}" for f in fields if isinstance(f, (RichTextField, StreamField))]


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
