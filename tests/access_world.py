"""The world the access-control matrix (tests/test_access_matrix.py) requests in: two running
cohorts of one course, A and B, each with its trainer and its learner, and every record a
URL of the site can name — all of it B's. Learner A and the trainer of cohort A are the
outsiders; learner B and cohort B's trainer the owners; Finance and an admin the staff.

Also the walk over every URL pattern of the site, and the filling of each pattern's
parameters with the id of B's record of that kind."""

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.models import Page

from bookings.invoicing.issue import issue_credit_note, issue_invoice
from bookings.invoicing.links import invoice_pay_url
from bookings.invoicing.receipts import record_payment
from bookings.models import BillingDetails
from bookings.services import holds, offers
from bookings.services.confirm import confirm_order
from certificates.models import CertificateBatch, NameCorrection
from cms.groups import sync_groups
from courses.models import Cohort, Trainer
from learning.attendance.checkin import check_in_token
from learning.evaluation.models import EvaluationResponse
from learning.mailings.models import CohortMessage, MessageTemplate
from learning.materials.models import CohortMaterial
from learning.models import ReflectionNote
from learning.quizzes.models import QuizAdjustment, QuizAttempt, QuizRegrade
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.bookings import (
    DiscountCodeFactory,
    OrganisationFactory,
    WaitingListEntryFactory,
    billing_for,
)
from tests.factories.certificates import (
    AttendanceRecordFactory,
    CertificateVersionFactory,
    CompletionRuleFactory,
)
from tests.factories.courses import (
    CohortFactory,
    CohortSessionFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
)
from tests.factories.learning import ModulePageFactory, place_on, private_document
from tests.learning.evaluation_factories import course_evaluation
from tests.learning.factories import quiz_with

ROLES = ("anon", "learner_a", "learner_b", "trainer_a", "trainer_b", "finance", "admin")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its table key (the URL name, or the route when it has none), its
    route with the prefixes of the resolvers it sits in, and its view."""

    key: str
    route: str
    pattern: URLPattern

    @property
    def module(self):
        return getattr(self.pattern.callback, "__module__", "")


def routes(resolver=None, prefix="", namespace=""):
    """Every URL pattern of the site, nested resolvers (the admin, the apps) walked through."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from routes(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and ":".join(filter(None, [namespace, pattern.name]))
            yield Route(name or route, route, pattern)


def staff(group, **names):
    """A member of staff with an authenticator app (the MFA middleware asks staff for one)."""
    user = UserFactory(is_staff=True, is_superuser=group is None, **names)
    if group:
        user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    return user


def running_cohort(course, title, trainer_user):
    """A cohort that started two days ago, taught by `trainer_user`."""
    cohort = CohortFactory(course=course, title=title, start_date=timezone.localdate())
    cohort.trainers.add(Trainer.objects.create(user=trainer_user, name=trainer_user.display_name))
    start = timezone.localdate() - datetime.timedelta(days=2)
    Cohort.objects.filter(pk=cohort.pk).update(
        start_date=start, end_date=start + datetime.timedelta(days=4)
    )
    cohort.refresh_from_db()
    return cohort


def invoiced_booking(cohort, learner, organisation):
    """`learner` books and pays by invoice for themself: an order, its place, an invoice."""
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    attendee = holds.Attendee(learner.display_name, learner.email, tier.pk, "nurse")
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=learner,
        attendees=[attendee],
        payment_method="invoice",
        organisation=organisation,
    )
    order = confirm_order(order_id=order.pk, message="Confirmed: to be invoiced")
    BillingDetails.objects.create(order=order, **billing_for(organisation, po_number="PO-B-77"))
    invoice = issue_invoice(order_id=order.pk)
    place = order.places.get()
    place.attendee = learner
    place.save()
    return order, place, invoice


def build():
    """The world: a dict of named records (B's) and the users of each role."""
    sync_groups()
    from tests.factories import HomePageFactory, SiteSettingsFactory

    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="5-day course")
    quiz = quiz_with(2, title="Depression quiz")
    document = private_document("PHQ-9 scoring guide")
    module = ModulePageFactory(
        parent=course,
        title="Depression",
        body=[
            {"type": "quiz", "value": {"quiz": quiz.pk, "required": True}},
            {"type": "resources", "value": {"heading": "Files", "documents": [document.pk]}},
        ],
    )
    users = {
        "learner_a": UserFactory(first_name="Alice", last_name="Ashdown", email="alice@a.test"),
        "learner_b": UserFactory(
            first_name="Beatrix",
            last_name="Quillfeather",
            email="beatrix.quillfeather@b.test",
        ),
        "trainer_a": staff("Trainers", first_name="Tara", last_name="Alpha"),
        "trainer_b": staff("Trainers", first_name="Theo", last_name="Bravo"),
        "finance": staff("Finance", first_name="Fay", last_name="Ledger"),
        "admin": staff(None, first_name="Ada", last_name="Root"),
    }
    cohort_a = running_cohort(course, "Alpha run", users["trainer_a"])
    place_on(cohort_a, users["learner_a"])
    # Cohort B is booked while still open, then moved to have started two days ago.
    cohort_b = CohortFactory(course=course, title="Bravo run", capacity=20)
    cohort_b.trainers.add(Trainer.objects.create(user=users["trainer_b"], name="Theo Bravo"))
    learner = users["learner_b"]
    organisation = OrganisationFactory(name="Quillfeather Health Trust", managers=[learner])
    order, place, invoice = invoiced_booking(cohort_b, learner, organisation)
    waiting = WaitingListEntryFactory(cohort=cohort_b, user=learner)
    offers.make_offer(waiting, cohort_b, timezone.now())
    start = timezone.localdate() - datetime.timedelta(days=2)
    Cohort.objects.filter(pk=cohort_b.pk).update(
        start_date=start, end_date=start + datetime.timedelta(days=4)
    )
    cohort_b.refresh_from_db()
    records = records_of_b(course, module, quiz, cohort_b, order, place, invoice)
    records["document"] = document
    offer = {
        "waiting": waiting,
        "offer_order": waiting.order,
        "offer_token": offers.offer_token(waiting),
    }
    return {**users, **records, **offer}


def records_of_b(course, module, quiz, cohort, order, place, invoice):
    learner = place.attendee
    now = timezone.now()
    # A session going on now, so its check-in link is open.
    session = CohortSessionFactory(
        cohort=cohort,
        day=timezone.localdate(),
        starts_at=now - datetime.timedelta(minutes=10),
        ends_at=now + datetime.timedelta(hours=2),
    )
    AttendanceRecordFactory(place=place, session=session)
    note = issue_credit_note(invoice_id=invoice.pk, amount_pence=1000, reason="Goodwill credit")
    payment = record_payment(
        invoice_id=invoice.pk,
        amount_pence=500,
        received_on=timezone.localdate(),
        reference="BACS QUILL-1",
    )
    version = CertificateVersionFactory(
        certificate__place=place,
        learner_name=learner.display_name,
        pdf=ContentFile(b"%PDF-1.7 Quillfeather", name="certificate.pdf"),
    )
    certificate = version.certificate
    attempt = QuizAttempt.objects.create(
        user=learner,
        quiz=quiz,
        module=module,
        cohort=cohort,
        number=1,
        snapshot={"pass_mark": 80, "questions": []},
        started_at=now,
        submitted_at=now,
        marks=2,
        total=2,
        passed=True,
    )
    evaluation = course_evaluation(course)
    return {
        "course": course,
        "module": module,
        "quiz": quiz,
        "cohort": cohort,
        "session": session,
        "order": order,
        "place": place,
        "invoice": invoice,
        "credit_note": note,
        "payment": payment,
        "pay_token": invoice_pay_url(invoice).rstrip("/").rsplit("/", 1)[-1],
        "certificate": certificate,
        "attempt": attempt,
        "check_in_token": check_in_token(session),
        "organisation": order.organisation,
        "discount": DiscountCodeFactory(code="QUILLCODE"),
        "note": ReflectionNote.objects.create(
            user=learner, module=module, text="Beatrix private reflection on mood"
        ),
        "material": CohortMaterial.objects.create(
            cohort=cohort,
            title="Bravo handout",
            content_type="text/plain",
            extension=".txt",
            size=5,
            uploaded_at=now,
            file=ContentFile(b"notes", name="notes.txt"),
        ),
        "message": CohortMessage.objects.create(
            cohort=cohort,
            subject="Bravo day two",
            body="See you at nine.",
            created_at=now,
            submission_key="bravo-1",
        ),
        # Seeded by a migration; made here too, should a transactional test have emptied it.
        "template": MessageTemplate.objects.first()
        or MessageTemplate.objects.create(
            name="Joining reminder", subject="Joining {course}", body="Dear {first_name}"
        ),
        "adjustment": QuizAdjustment.objects.create(
            user=learner, course=course, extra_time="1.25", note="Beatrix agreed adjustment"
        ),
        "trainer": cohort.trainers.get(),
        "rule": CompletionRuleFactory(course=course),
        "regrade": QuizRegrade.objects.create(quiz=quiz, kind="regrade", at=now),
        "batch": CertificateBatch.objects.create(
            cohort=cohort, place_ids=[place.pk], created_at=now, submission_key="bravo-batch"
        ),
        "correction": NameCorrection.objects.create(
            certificate=certificate,
            requested_by=learner,
            current_name=learner.display_name,
            name="Beatrix Quill-Feather",
            requested_at=now,
        ),
        "evaluation": evaluation,
        "instrument": evaluation.wave_instruments.first().instrument,
        "response": EvaluationResponse.objects.create(
            place=place,
            cohort=cohort,
            wave="before",
            pseudonym="p-quill",
            answers={},
            submitted_at=now,
        ),
        "page": Page.objects.get(pk=module.pk),
    }


def secrets(world):
    """What nobody but learner B, cohort B's trainer and the staff who need it may read."""
    learner = world["learner_b"]
    return {
        learner.email,
        learner.last_name,
        world["order"].reference,
        world["invoice"].number,
        world["credit_note"].number,
        world["certificate"].code,
        world["note"].text,
        world["adjustment"].note,
        "PO-B-77",
    }


# Which of B's records a parameter names; by URL name first, for parameters such as `token`
# or `pk` that mean a different record on each screen.
BY_PARAMETER = {
    "cohort_id": "cohort",
    "entry_id": "waiting",
    "reference": "order",
    "place_id": "place",
    "module_id": "module",
    "document_id": "document",
    "quiz_id": "quiz",
    "attempt_id": "attempt",
    "material_id": "material",
    "session_id": "session",
    "message_id": "message",
    "batch_id": "batch",
    "code": "certificate",
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
}
BY_MODEL = {
    "Order": "order",
    "Cohort": "cohort",
    "WaitingListEntry": "waiting",
    "DiscountCode": "discount",
    "Organisation": "organisation",
    "Invoice": "invoice",
    "CreditNote": "credit_note",
    "InvoicePayment": "payment",
    "Trainer": "trainer",
    "Quiz": "quiz",
    "QuizAttempt": "attempt",
    "QuizAdjustment": "adjustment",
    "QuizRegrade": "regrade",
    "Instrument": "instrument",
    "CourseEvaluation": "evaluation",
    "MessageTemplate": "template",
    "CompletionRule": "rule",
    "Certificate": "certificate",
    "User": "learner_b",
}

# Parameters that are not a record's id, and the regular-expression routes, by URL name.
FIXED = {
    "wave": "before",
    "purpose": "revocation",
    "regulator": "nmc",
    "extension": "pdf",
    "app_label": "bookings",
    "model_name": "order",
    "content_type_app_name": "learning",
    "content_type_model_name": "modulepage",
    "action": "delete",
    "filter_spec": "original",
    "action_name": "approve",
    "uidb64": "MQ",
    "token": "x-y",
}
INVOICE_ACTIONS = ("record_payment", "credit", "correct", "resend", "pdf", "xml")
BY_KEY = {
    "bookings:offer": {"token": "offer_token"},
    "bookings:offer_attendees": {"reference": "offer_order"},
    "bookings:invoice_pay": {"token": "pay_token"},
    "bookings:invoice_pay_start": {"token": "pay_token"},
    "learning:check_in": {"token": "check_in_token"},
    "bookings:pass_on": {"pk": "place"},
    "bookings:organisation": {"pk": "organisation"},
    "courses:cohort_calendar": {"pk": "cohort"},
    "certificates_status": {"pk": "certificate"},
    "certificates_correction": {"pk": "correction"},
    "certificates_override": {"place_id": "place"},
    "order_cancel": {"pk": "order"},
    "order_refund": {"pk": "order"},
    "order_move": {"pk": "order"},
    "finance_awaiting_po:record": {"pk": "order"},
    "wagtailsnippets_learning_quiz:regrade": {"pk": "quiz"},
    "bookings_waitinglistentry:offer": {"pk": "waiting"},
    "courses_cohort:duplicate": {"pk": "cohort"},
    **{f"finance_invoice:{name}": {"pk": "invoice"} for name in INVOICE_ACTIONS},
    "finance_creditnote:pdf": {"pk": "credit_note"},
    "finance_creditnote:xml": {"pk": "credit_note"},
}
# Regular-expression routes: the address to request, from the world.
ADDRESS = {
    "bookings:invoice_download": lambda w: (
        f"/book/orders/{w['order'].reference}/invoices/{w['invoice'].number}.pdf"
    ),
    "bookings:credit_note_download": lambda w: (
        f"/book/orders/{w['order'].reference}/credit-notes/{w['credit_note'].number}.pdf"
    ),
    "wagtaildocs_serve": lambda w: f"/documents/{w['document'].pk}/{w['document'].filename}",
    "wagtail_serve": lambda w: w["module"].url,
    "account_confirm_email": lambda w: "/accounts/confirm-email/forged-key/",
    "account_reset_password_from_key": lambda w: "/accounts/password/reset/key/1-forged/",
    "wagtailadmin_pages:revisions_compare": lambda w: (
        f"/admin/pages/{w['page'].pk}/revisions/compare/earliest...latest/"
    ),
    "admin/^.*/$": lambda w: "/admin/no-such-screen/",
}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def record_id(record, parameter):
    """How a parameter names a record: orders by reference, certificates by code."""
    if isinstance(record, str):
        return record
    return getattr(record, parameter) if parameter in ("reference", "code") else record.pk


def address(route, world):
    """The path that requests `route` with B's records in its parameters."""
    if route.key in ADDRESS:
        return ADDRESS[route.key](world)
    path = route.route.replace("^", "").replace("$", "")
    model = getattr(route.pattern.callback, "view_initkwargs", {}).get("model")
    model_name = model.__name__ if isinstance(model, type) else None

    def value(match):
        name = match.group(2)
        wanted = BY_KEY.get(route.key, {}).get(name)
        if wanted is None and name in ("pk", "object_id", "id") and model_name in BY_MODEL:
            wanted = BY_MODEL[model_name]
        wanted = wanted or BY_PARAMETER.get(name)
        if wanted:
            return str(record_id(world[wanted], name))
        if name in FIXED:
            return FIXED[name]
        return str(world["page"].pk)  # a real id, of a page; Wagtail's own screens only

    path = PARAMETER.sub(value, path)
    assert not re.search(r"[()\\\[\]|?*+]", path), f"{route.key}: give its address in ADDRESS"
    return "/" + path
