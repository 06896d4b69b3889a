"""Demo data for learning: the modules of both courses (learning.demo_content), their
resource file in the private collection, a quiz in every module (learning.demo_quizzes),
and learners at every stage on the running cohorts, made through the quiz services: the
demo learner has passed two quizzes, failed one and is half way through another; on the
5-day course Ravi has not started, Grace is half way, Owen failed and Leah has passed every
quiz open to her. Then the evaluation instruments and answers (learning.evaluation.demo),
the running cohorts' handouts (learning.materials.demo) and the joining instructions their
trainers sent (learning.mailings.demo). Idempotent."""

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from bookings.demo import book
from bookings.models import Place, PlaceStatus
from cms.demo import demo_password
from cms.models import User
from courses.models import Cohort, CoursePage
from learning import demo_content as content
from learning.demo_quizzes import QUIZZES
from learning.evaluation import demo as evaluation_demo
from learning.exceptions import QuizError
from learning.mailings import demo as mailings_demo
from learning.materials import demo as materials_demo
from learning.models import Choice, ModulePage, ModuleProgress, Question, Quiz, QuizAttempt
from learning.quizzes import services as quiz_services
from learning.quizzes.selectors import module_quiz_refs
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
    quizzes = seed_quizzes()
    placed = place_quizzes(quizzes)
    marked = seed_progress()
    attempts = seed_attempts()
    return [
        f"Learning: {made} new modules, {marked} modules marked done by the demo learner, "
        f"quizzes placed in {placed} modules, {attempts} new quiz attempts.",
        "  Learners at each quiz stage (demo password): "
        + ", ".join(email for email, *_ in LEARNERS),
        *evaluation_demo.seed(scale),  # after the learners: it answers on their places
        *materials_demo.seed(),
        *mailings_demo.seed(),
    ]


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


def seed_quizzes():
    """{module slug: Quiz}, each written once from learning.demo_quizzes."""
    quizzes = {}
    for slug, spec in QUIZZES.items():
        quiz = Quiz.objects.filter(title=spec["title"]).first() or write_quiz(spec)
        quizzes[slug] = quiz
    return quizzes


def write_quiz(spec):
    quiz = Quiz.objects.create(
        title=spec["title"],
        pass_mark_percent=80,
        attempts_allowed=spec.get("attempts_allowed", 3),
        draw_count=spec.get("draw_count", 0),
        time_limit_minutes=spec.get("time_limit_minutes"),
        questions_per_page=4,
    )
    for order, item in enumerate(spec["questions"]):
        question = Question.objects.create(
            quiz=quiz,
            sort_order=order,
            kind=item["kind"],
            text=item["text"],
            explanation=item["explanation"],
        )
        Choice.objects.bulk_create(
            Choice(question=question, sort_order=i, text=text, correct=correct, feedback=fb)
            for i, (text, correct, fb) in enumerate(item["choices"])
        )
    return quiz


def place_quizzes(quizzes):
    """Add its quiz to each demo module that lacks one (new modules and older demo data)."""
    placed = 0
    for module in ModulePage.objects.filter(slug__in=quizzes):
        if module_quiz_refs(module):
            continue
        block = {"type": "quiz", "value": {"quiz": quizzes[module.slug].pk, "required": True}}
        module.body = [*module.body.raw_data, block]
        module.save_revision().publish()
        placed += 1
    return placed


# (email, first name, last name, what they have done: (module index, outcome) pairs)
LEARNERS = [
    ("ravi@example.com", "Ravi", "Patel", []),
    ("grace@example.com", "Grace", "Mensah", [(0, "pass"), (1, "half")]),
    ("owen@example.com", "Owen", "Hughes", [(0, "fail")]),
    ("leah@example.com", "Leah", "Brennan", [(0, "pass"), (1, "pass"), (2, "pass"), (3, "pass")]),
]
DEMO_LEARNER = [(0, "pass"), (1, "pass"), (2, "fail"), (3, "half")]


def seed_attempts():
    made = 0
    learner = User.objects.filter(email="learner@example.com").first()
    for cohort in Cohort.objects.filter(title="Current run").select_related("course"):
        if learner:
            made += take_quizzes(learner, cohort, DEMO_LEARNER)
    five_day = Cohort.objects.filter(title="Current run", course__slug=COURSES[0]).first()
    if five_day is None:
        return made
    for email, first, last, stages in LEARNERS:
        user = demo_learner(email, first, last, five_day)
        made += take_quizzes(user, five_day, stages)
    return made


def demo_learner(email, first, last, cohort):
    """A learner with a confirmed place on the cohort, booked as the demo books."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=demo_password(), first_name=first, last_name=last
        )
    # A place is linked to the account with that verified address.
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not Place.objects.filter(cohort=cohort, attendee=user).exists():
        book(cohort, user, [(user.display_name, email, "nurse")], now=None)
    return user


def take_quizzes(user, cohort, stages):
    """Give `user` each stage (pass, fail, half way) on the cohort's modules, once."""
    modules = list(ModulePage.objects.child_of(cohort.course).live().order_by("path"))
    made = 0
    for index, outcome in stages:
        if index >= len(modules) or QuizAttempt.objects.filter(user=user, module=modules[index]):
            continue
        module = modules[index]
        for quiz_id, _ in module_quiz_refs(module):
            try:
                attempt = quiz_services.start_attempt(user=user, module=module, quiz_id=quiz_id)
            except QuizError:  # not open to them yet
                continue
            answer(user, attempt, outcome)
            made += 1
    return made


def answer(user, attempt, outcome):
    questions = attempt.snapshot["questions"]
    if outcome == "half":
        half = questions[: len(questions) // 2]
        quiz_services.save_answers(user=user, attempt_id=attempt.pk, answers=choices(half, True))
        return
    answers = choices(questions, outcome == "pass")
    quiz_services.submit_attempt(user=user, attempt_id=attempt.pk, answers=answers)


def choices(questions, right):
    """Right answers to every question, or right to only the first third (a fail)."""
    picked = {}
    for n, question in enumerate(questions):
        wanted = right or n < len(questions) // 3
        correct = [c["id"] for c in question["choices"] if c["correct"]]
        wrong = [c["id"] for c in question["choices"] if not c["correct"]][:1]
        picked[question["id"]] = correct if wanted else wrong
    return picked
