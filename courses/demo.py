"""Demo data for the catalogue: the course index, the two courses, trainers and cohorts.

Cohort dates are set relative to today, so the demo always has a past, a running, an open,
a full and a cancelled cohort of each course. Two runs are past: "Summer", which ended more
than three months ago (so its learners have answered the evaluation's follow-up, see
learning.evaluation.demo), and "Autumn". Idempotent: existing pages and cohorts are kept;
`--scale N` tops up the upcoming cohorts to N times as many.
"""

import datetime

from django.utils import timezone

from cms.models import HomePage, User
from courses import demo_content as content
from courses.editors import sync_course_editors
from courses.models import Cohort, CohortSession, CourseIndexPage, CoursePage, Trainer

DAY = datetime.timedelta(days=1)


def seed(scale=1):
    home = HomePage.objects.first()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = add_page(home, CourseIndexPage(**content.INDEX))
        index.move(home, pos="first-child")  # first in the site's navigation
    trainers = seed_trainers()
    made = 0
    for spec in content.COURSES:
        course = CoursePage.objects.filter(slug=spec["slug"]).first()
        if course is None:
            course = add_page(index, build_course(spec, trainers))
        elif not course.core_skills_tier:
            set_tier(course, spec["core_skills_tier"])  # a demo seeded before the field
        made += seed_cohorts(course, trainers, scale)
        sync_course_editors(course)  # a demo seeded before course editors existed gets them
    return [f"Courses: {CoursePage.objects.count()} courses, {made} new cohorts."]


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def set_tier(course, tier):
    course.core_skills_tier = tier
    course.save_revision().publish()


def seed_trainers():
    trainers = []
    for spec in content.TRAINERS:
        spec = dict(spec)
        email = spec.pop("user_email", None)
        trainer, _ = Trainer.objects.get_or_create(name=spec["name"], defaults=spec)
        if email and trainer.user is None:
            trainer.user = User.objects.filter(email=email).first()
            trainer.save(update_fields=["user"])
        trainers.append(trainer)
    return trainers


def build_course(spec, trainers):
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        delivery=spec["delivery"],
        duration=spec["duration"],
        cpd_hours=spec["cpd_hours"],
        core_skills_tier=spec["core_skills_tier"],
        audience=content.AUDIENCE,
        outcomes=[("outcome", text) for text in content.OUTCOMES],
        syllabus=[
            ("item", {"label": label, "title": title, "description": description})
            for label, title, description in spec["syllabus"]
        ],
        cancellation_policy=content.CANCELLATION,
        body=[("rich_text", spec["body"])],
        faqs=[("faqs", content.SHARED_FAQS["value"])],
        search_description=spec["summary"],
    )
    for name, who, price, early in spec["prices"]:
        course.price_tiers.add(
            course.price_tiers.model(
                name=name, who_qualifies=who, price_pence=price, early_bird_price_pence=early
            )
        )
    for trainer in trainers:
        course.course_trainers.add(course.course_trainers.model(trainer=trainer))
    return course


def cohort_plans(course, today, scale):
    """(start date, delivery, status, capacity, title) of each demo cohort of `course`."""
    five_day = course.slug == "five-day-course"
    step = 35 if five_day else 42
    running_start = today - 2 * DAY if five_day else today - 8 * DAY
    base = "in_person" if five_day else "blended"
    plans = [
        # A Monday about 130 days ago: its three-month follow-up window has opened.
        (next_monday(today - 136 * DAY), base, "completed", 16, "Summer"),
        (today - 70 * DAY, base, "completed", 20, "Autumn"),
        (running_start, base, "open", 20, "Current run"),
        (next_monday(today + 20 * DAY), base, "open", 12, "Next run"),
        (next_monday(today + 20 * DAY + step * DAY), "online", "open", 16, "Live online"),
        (next_monday(today + 20 * DAY + 2 * step * DAY), base, "open", 4, "Small group"),
        (next_monday(today + 30 * DAY), base, "cancelled", 20, "Cancelled run"),
    ]
    for i in range(1, 2 * (scale - 1) + 1):
        start = next_monday(today + 20 * DAY + (2 + i) * step * DAY)
        plans.append((start, base if i % 2 else "online", "open", 20, f"Extra run {i}"))
    return plans


def seed_cohorts(course, trainers, scale):
    today = timezone.localdate()
    existing = set(course.cohorts.values_list("title", flat=True))
    made = 0
    for start, delivery, status, capacity, title in cohort_plans(course, today, scale):
        if title in existing:
            continue
        make_cohort(course, trainers, start, delivery, status, capacity, title, today)
        made += 1
    return made


def make_cohort(course, trainers, start, delivery, status, capacity, title, today):
    days = session_days(course, start)
    cohort = Cohort.objects.create(
        course=course,
        title=title,
        delivery=delivery,
        start_date=days[0],
        end_date=days[-1] if course.slug == "five-day-course" else start + 18 * DAY,
        capacity=capacity,
        status=status,
        joining_details=content.JOINING if delivery != "in_person" else "",
        early_bird_deadline=start - 28 * DAY if start - 28 * DAY > today else None,
        **(content.VENUE if delivery != "online" else {}),
    )
    cohort.trainers.set(trainers[:2] if course.slug == "five-day-course" else trainers[1:])
    CohortSession.objects.bulk_create(
        session(cohort, day, n, delivery != "in_person") for n, day in enumerate(days, 1)
    )
    return cohort


def session_days(course, start):
    if course.slug == "five-day-course":
        return [start + i * DAY for i in range(5)]
    return [start + i * 7 * DAY for i in range(3)]


def session(cohort, day, number, online):
    def at(hour, minute):
        naive = datetime.datetime.combine(day, datetime.time(hour, minute))
        return timezone.make_aware(naive)

    label = "Day" if cohort.course.slug == "five-day-course" else "Week"
    return CohortSession(
        cohort=cohort,
        title=f"{label} {number}",
        starts_at=at(9, 30),
        ends_at=at(16, 30),
        break_minutes=60,
        online=online,
        mandatory=number == 1,
    )


def next_monday(day):
    """The Monday on or after `day`, skipping the Christmas and New Year fortnight."""
    day = day + datetime.timedelta(days=(7 - day.weekday()) % 7)
    if (day.month == 12 and day.day >= 15) or (day.month == 1 and day.day <= 3):
        year = day.year + 1 if day.month == 12 else day.year
        return next_monday(datetime.date(year, 1, 4))
    return day
