"""Factories for learning: modules under a course, and a learner's place on a cohort."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from bookings.models import Order, Place
from learning.models import ModulePage
from learning.resources import resources_collection


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    intro = "Recognise depression in people with long-term conditions."
    estimated_minutes = 30
    release_offset_days = 0
    required = True
    body = factory.LazyFunction(
        lambda: [
            {"type": "rich_text", "value": "<p>The PHQ-9 scores 0 to 27.</p>"},
            {"type": "reflection", "value": {"prompt": "When did you last ask about mood?"}},
        ]
    )


def place_on(cohort, user, status="confirmed"):
    """A place for `user` on `cohort`, written directly: running cohorts are closed to booking,
    and the learning rules only read the place's status."""
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    order = Order.objects.create(
        buyer=user,
        buyer_name=user.display_name,
        buyer_email=user.email,
        cohort=cohort,
        payment_method="invoice",
        status="confirmed" if status == "confirmed" else "cancelled",
    )
    return Place.objects.create(
        order=order,
        cohort=cohort,
        attendee=user,
        attendee_name=user.display_name,
        attendee_email=user.email,
        price_tier=tier,
        price_pence=tier.price_pence,
        status=status,
    )


def private_document(title="PHQ-9 scoring guide"):
    document = get_document_model()(title=title, collection=resources_collection())
    document.file.save("phq-9-guide.txt", ContentFile(b"PHQ-9 bands: 5, 10, 15, 20."), save=False)
    document.save()
    return document
