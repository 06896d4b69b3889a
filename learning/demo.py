"""Demo data for learning: the modules of both courses (learning.demo_content), their
resource file in the private collection, and the demo learner's progress on the running
cohort: the first two modules done, some open, the rest opening later in the course.
Idempotent."""

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from bookings.models import Place, PlaceStatus
from cms.models import User
from courses.models import CoursePage
from learning import demo_content as content
from learning.models import ModulePage, ModuleProgress
from learning.resources import resources_collection

COURSES = ("five-day-course", "three-week-course")  # the order of `offsets` in demo_content
DONE_BY_DEMO_LEARNER = 2


def seed(scale=1):
    document = seed_resource()
    made = 0
    for index, slug in enumerate(COURSES):
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            continue
        existing = set(ModulePage.objects.child_of(course).values_list("slug", flat=True))
        for spec in content.MODULES:
            if spec["slug"] not in existing:
                add_module(course, spec, spec["offsets"][index], document)
                made += 1
    marked = seed_progress()
    return [f"Learning: {made} new modules, {marked} modules marked done by the demo learner."]


def seed_resource():
    Document = get_document_model()
    document = Document.objects.filter(title=content.RESOURCE_TITLE).first()
    if document is None:
        document = Document(title=content.RESOURCE_TITLE, collection=resources_collection())
        document.file.save(
            "screening-scoring-summary.txt", ContentFile(content.RESOURCE_TEXT.encode()), save=False
        )
        document.save()
    return document


def body_with(blocks, document):
    """The spec's blocks, with the resources block pointing at the demo document."""
    return [
        {"type": "resources", "value": {**b["value"], "documents": [document.pk]}}
        if b["type"] == "resources"
        else b
        for b in blocks
    ]


def add_module(course, spec, offset, document):
    module = ModulePage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        estimated_minutes=spec["minutes"],
        release_offset_days=offset,
        required=spec.get("required", True),
        body=body_with(spec["body"], document),
    )
    course.add_child(instance=module)
    module.save_revision().publish()
    return module


def seed_progress():
    learner = User.objects.filter(email="learner@example.com").first()
    places = Place.objects.filter(
        attendee=learner, status=PlaceStatus.CONFIRMED, cohort__title="Current run"
    ).select_related("cohort__course")
    marked = 0
    for place in places:
        modules = ModulePage.objects.child_of(place.cohort.course).order_by("path")
        for module in modules[:DONE_BY_DEMO_LEARNER]:
            _, created = ModuleProgress.objects.get_or_create(
                user=learner,
                module=module,
                cohort=place.cohort,
                defaults={"done_at": timezone.now()},
            )
            marked += created
    return marked
