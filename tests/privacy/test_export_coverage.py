"""The data export holds everything kept about the learner, and nothing about anyone else.

Every model that points at the user, directly or through a record that is the learner's own
(a place, an order, a certificate…), must be either in EXPORTED (with the section of the
export that holds it) or in NOT_PERSONAL (with the reason it is not the learner's personal
data). A new model that points at either escapes neither table: the walk fails on it.
Records held without a foreign key are covered by their own tests: evaluation answers are
keyed by pseudonym (exported by it), and a session holds only the user id (it dies with the
user row).
"""

import json

import pytest
from django.apps import apps
from django.urls import reverse

pytestmark = pytest.mark.django_db

# model -> the section of the export that holds its rows
EXPORTED = {
    "cms.User": "account",
    "account.EmailAddress": "email_addresses",
    "mfa.Authenticator": "authenticators",
    "courses.Trainer": "trainer_profile",
    "bookings.Organisation": "managed_organisations",
    "bookings.Order": "orders",
    "bookings.OrderEvent": "orders",  # each order's timeline
    "bookings.BillingDetails": "billing_details",
    "bookings.Invoice": "invoices",
    "bookings.CreditNote": "credit_notes",
    "bookings.Payment": "card_payments",
    "bookings.Refund": "refunds",
    "bookings.Place": "places",
    "bookings.PlaceReminder": "reminders_sent",
    "bookings.WaitingListEntry": "waiting_lists",
    "learning.ModuleProgress": "module_progress",
    "learning.ReflectionNote": "reflection_notes",
    "learning.QuizAttempt": "quiz_attempts",
    "learning.QuizAdjustment": "quiz_adjustments",
    "learning.AttendanceRecord": "attendance",
    "learning.SessionCheckIn": "check_ins",
    "learning.EvaluationResponse": "evaluation_answers",
    "learning.ResearchConsent": "research_consent",
    "learning.WaveEmail": "evaluation_emails",
    "learning.MessageRecipient": "cohort_messages",
    "certificates.Certificate": "certificates",
    "certificates.CertificateVersion": "certificates",  # each certificate's versions
    "certificates.NameCorrection": "name_corrections",
}

STAFF_EDITING = "who edited it in the CMS: staff work in the admin, which learners never reach"
WAGTAIL_ADMIN = "the Wagtail admin's own record of a staff user's work or preferences"
NOT_PERSONAL = {
    "wagtailcore.Page": STAFF_EDITING,
    "cms.HomePage": STAFF_EDITING,
    "cms.ContentPage": STAFF_EDITING,
    "courses.CourseIndexPage": STAFF_EDITING,
    "courses.CoursePage": STAFF_EDITING,
    "learning.ModulePage": STAFF_EDITING,
    "wagtailcore.Revision": STAFF_EDITING,
    "wagtailcore.PageLogEntry": STAFF_EDITING,
    "wagtailcore.ModelLogEntry": STAFF_EDITING,
    "wagtailcore.Comment": STAFF_EDITING,
    "wagtailcore.CommentReply": STAFF_EDITING,
    "wagtailcore.PageSubscription": WAGTAIL_ADMIN,
    "wagtailcore.WorkflowState": STAFF_EDITING,
    "wagtailcore.TaskState": STAFF_EDITING,
    "wagtailcore.UploadedFile": STAFF_EDITING,
    "wagtailcore.APIToken": WAGTAIL_ADMIN,
    "wagtailadmin.EditingSession": WAGTAIL_ADMIN,
    "wagtailadmin.FormState": WAGTAIL_ADMIN,
    "wagtailusers.UserProfile": WAGTAIL_ADMIN,
    "wagtaildocs.Document": "who uploaded a document to the CMS (staff)",
    "wagtailimages.Image": "who uploaded an image to the CMS (staff)",
    "account.EmailConfirmation": "a pending confirmation key; the address itself is exported",
    "courses.Cohort": "which trainers run a cohort: published with its dates",
    "courses.CourseTrainer": "which course pages list a trainer: published content",
    "bookings.InvoiceLine": "an invoice's lines name every attendee on the order: the invoice "
    "is exported, its lines would put colleagues in the buyer's export",
    "bookings.CreditNoteLine": "as invoice lines: the credit note is exported",
    "bookings.InvoicePayment": "Finance's record of an organisation's remittance; the "
    "invoice's paid amount is exported",
    "learning.CohortMessage": "a message a trainer sent (staff's work); each learner's copy is "
    "exported as their MessageRecipient",
    "learning.CohortMaterial": "a file a trainer uploaded (staff's work)",
    "learning.QuizRegrade": "a trainer's regrade; names learners by id only",
    "certificates.CertificateBatch": "a trainer's bulk issue (staff's work)",
    "certificates.CertificateEvent": "the certificate's history as staff kept it: its status "
    "and versions are exported with the certificate",
}


def relates_to(model, reached):
    """Whether `model` has a foreign key, one-to-one or many-to-many to a reached model."""
    return any(
        f.is_relation and not f.auto_created and f.related_model in reached
        for f in model._meta.get_fields()
        if f.related_model is not None and not isinstance(f.related_model, str)
    )


def walk_models():
    """(models that relate to the user through exported records, unlisted ones)."""
    reached = {apps.get_model("cms.User")}
    found, unlisted, grew = set(), set(), True
    while grew:
        grew = False
        for model in apps.get_models():
            label = model._meta.label
            if model in reached or label in found or not relates_to(model, reached):
                continue
            found.add(label)
            grew = True
            if label in EXPORTED:
                reached.add(model)
            elif label not in NOT_PERSONAL:
                unlisted.add(label)
    return found | {"cms.User"}, unlisted


def test_every_model_relating_to_the_user_is_exported_or_said_not_personal():
    found, unlisted = walk_models()
    assert not unlisted, (
        f"{sorted(unlisted)} relate to the user: export them (a personal_data_requested "
        "receiver) and add them to EXPORTED, or add them to NOT_PERSONAL with the reason"
    )
    # The tables name only models that exist and relate to the user: no stale entries.
    assert set(EXPORTED) | set(NOT_PERSONAL) == found


def export_of(client, user):
    client.force_login(user)
    response = client.get(reverse("account_data_export"))
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    return json.loads(response.content)


def test_each_exported_model_has_the_learners_rows_in_its_section(client, user, world):
    data = export_of(client, user)
    empty = {label: key for label, key in EXPORTED.items() if not data.get(key)}
    assert not empty, f"nothing in these sections though the learner has rows: {empty}"
    assert any(o["timeline"] for o in data["orders"]) and data["certificates"][0]["versions"]
    assert data["account"]["registration_number"] == user.registration_number
    assert data["evaluation_answers"][0]["answers"] == {"free_text": f"Answer of {user.email}"}


def test_a_colleague_on_my_order_and_a_learner_on_my_cohort_never_appear(
    client, user, other_user, world
):
    """Bert's place is on Amara's order and invoice, and he has every learning record on
    Amara's cohort; none of it is hers to download."""
    text = json.dumps(export_of(client, user))
    for his in (other_user.email, other_user.last_name, other_user.registration_number):
        assert his not in text
    assert [p["attendee_email"] for p in json.loads(text)["places"]] == [user.email, user.email]


def test_the_colleague_sees_his_place_but_not_the_buyer_or_her_records(
    client, user, other_user, world
):
    data = export_of(client, other_user)
    assert len(data["places"]) == 2 and data["invoices"] == []
    assert {o["buyer_email"] for o in data["orders"]} == {other_user.email}  # his own only
    text = json.dumps(data)
    assert user.email not in text and "Okafor" not in text
