"""Reads shared by the catalogue pages, with a fixed number of queries whatever the data.

Each page lists a bounded number of dates, so that its weight and render time stay the same
however many dates are published: the course page the next few, the catalogue the next few
of each course, and the dates list one page at a time.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField

from courses.availability import with_availability
from courses.models import Cohort, CohortStatus, CoursePage, CourseTrainer, PriceTier

COURSE_PAGE_DATES = 4  # the course page's next dates (cancelled ones too); the list has all
CATALOGUE_DATES = 3  # each course's next dates on the catalogue
DATES_PER_PAGE = 10  # one page of the dates list

NOT_CANCELLED = ~Q(status=CohortStatus.CANCELLED)


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


def upcoming_cohorts(courses, *, course=None, month=None, delivery=None, today=None):
    """A queryset of the upcoming published cohorts of `courses` (or of `course` alone),
    filtered, soonest first."""
    cohorts = Cohort.objects.published().upcoming(today).filter(course__in=courses)
    if course:
        cohorts = cohorts.filter(course=course)
    if month:
        cohorts = cohorts.filter(start_date__year=month.year, start_date__month=month.month)
    if delivery:
        cohorts = cohorts.filter(delivery=delivery)
    return cohorts.select_related("course").order_by("start_date", "pk")


def first_per_course(cohorts, limit):
    """The first `limit` of `cohorts` of each course, soonest first, in one query; each with
    `course_total`: how many of its course's in `cohorts` are not cancelled (a cancelled one
    is listed, to say so, but is not a date to book)."""
    order = [F("start_date").asc(), F("pk").asc()]
    return cohorts.annotate(
        place_in_course=Window(RowNumber(), partition_by=F("course_id"), order_by=order),
        course_total=Window(Count("pk", filter=NOT_CANCELLED), partition_by=F("course_id")),
    ).filter(place_in_course__lte=limit)


def catalogue_rows(courses, *, course=None, available_only=False, now=None, **filters):
    """[{"course", "cohorts": its next dates, "total": how many dates match}] for each of
    `courses` (or `course` alone)."""
    cohorts = upcoming_cohorts(courses, course=course, **filters)
    if available_only:
        listed = bookable(cohorts, now)
    else:
        listed = with_availability(first_per_course(cohorts, CATALOGUE_DATES), now=now)
    by_course = {c.pk: [] for c in courses}
    for cohort in listed:
        by_course[cohort.course_id].append(cohort)
    return [
        {
            "course": c,
            "cohorts": by_course[c.pk][:CATALOGUE_DATES],
            "total": total(by_course[c.pk], counted=not available_only),
        }
        for c in courses
        if course is None or c.pk == course.pk
    ]


def dates_page(courses, *, number=None, available_only=False, now=None, **filters):
    """One page (a Django Page of `DATES_PER_PAGE`) of the dates list, each with
    `.availability`."""
    cohorts = upcoming_cohorts(courses, **filters)
    if available_only:
        cohorts = bookable(cohorts, now)
    page = Paginator(cohorts, DATES_PER_PAGE).get_page(number)
    if not available_only:
        page.object_list = with_availability(page.object_list, now=now)
    return page


def bookable(cohorts, now=None):
    """The bookable ones of `cohorts`. Places are counted downstream (courses.availability),
    so this filter reads every cohort the other filters leave: only a visitor who asks for
    it pays for that, and such a URL is never kept in the page cache."""
    return [c for c in with_availability(cohorts, now=now) if c.availability.bookable]


def total(cohorts, counted):
    """How many dates a course has: from `first_per_course`'s count, or the whole list's."""
    if not counted:
        return len(cohorts)
    return cohorts[0].course_total if cohorts else 0


def course_cohorts(course, now=None):
    """The course page's next COURSE_PAGE_DATES: published cohorts from today on, cancelled
    ones included (they say why); each with `.availability` and `.course_total`."""
    today = timezone.localdate(now) if now else timezone.localdate()
    cohorts = Cohort.objects.published().filter(course=course, start_date__gte=today)
    cohorts = first_per_course(cohorts, COURSE_PAGE_DATES).for_listing()
    return with_availability(cohorts.prefetch_related("trainers"), now=now)


def course_trainers(course):
    return [
        ct.trainer for ct in CourseTrainer.objects.filter(course=course).select_related("trainer")
    ]
