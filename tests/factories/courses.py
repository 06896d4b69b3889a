"""Factories for the catalogue: the course index, courses with price tiers, cohorts, sessions."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from courses.models import Cohort, CohortSession, CourseIndexPage, CoursePage, PriceTier, Trainer


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mental health skills course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "Recognise and respond to mental health needs in long-term conditions."
    delivery = "in_person"
    duration = "5 days"
    cpd_hours = "30.0"
    audience = "<p>Nurses, doctors and allied health professionals.</p>"
    cancellation_policy = "<p>Full refund up to 28 days before.</p>"
    outcomes = factory.LazyFunction(lambda: [("outcome", "Screen for depression with the PHQ-9")])
    syllabus = factory.LazyFunction(
        lambda: [("item", {"label": "Day 1", "title": "Depression", "description": "<p>x</p>"})]
    )

    @factory.post_generation
    def prices(self, create, extracted, **kwargs):
        for name, pence in extracted or [("NHS and public sector", 55000), ("Partner", 35000)]:
            PriceTier.objects.create(
                course=self, name=name, who_qualifies="Staff", price_pence=pence
            )


class TrainerFactory(DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"Trainer {n}")
    role = "Liaison psychiatrist"
    bio = "Teaches risk assessment."


def _in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    course = factory.SubFactory(CoursePageFactory)
    delivery = "in_person"
    start_date = factory.LazyFunction(lambda: _in_days(30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    capacity = 12
    venue_name = "Weston Education Centre"
    venue_address = "Cutcombe Road\nLondon"
    status = "open"

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        count = 5 if extracted is None else extracted
        for i in range(count):
            day = self.start_date + datetime.timedelta(days=i)
            CohortSessionFactory(cohort=self, day=day)


class CohortSessionFactory(DjangoModelFactory):
    class Meta:
        model = CohortSession
        exclude = ["day"]

    cohort = factory.SubFactory(CohortFactory, sessions=0)
    day = factory.LazyAttribute(lambda o: o.cohort.start_date)
    title = factory.Sequence(lambda n: f"Day {n}")
    starts_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(datetime.datetime.combine(o.day, datetime.time(9, 30)))
    )
    ends_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(datetime.datetime.combine(o.day, datetime.time(16, 30)))
    )
    break_minutes = 60
