"""Trainers' and finance's forms under arbitrary input: a session's register and its
saved-as-you-go mark (JSON), messages to a cohort, cohort materials, and recording a payment
or a credit note on an invoice. Staff type into these too, and a pasted control character or
a number no column can hold must be refused clearly, never a 500, nothing half written."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from hypothesis import strategies as st

from bookings.models import CreditNote, Invoice, InvoicePayment, OrderEvent
from cms.groups import sync_groups
from learning.attendance.models import AttendanceRecord
from learning.mailings.models import CohortMessage, MessageRecipient
from learning.materials.models import CohortMaterial
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.bookings import invoiced_order
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on
from tests.security.fuzz import (
    any_text,
    any_value,
    assert_no_hidden_characters,
    big_int,
    each_example,
    fuzz,
    nasty,
    number_text,
    rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site):
    return CohortFactory(start_date=timezone.localdate() - datetime.timedelta(days=1))


@pytest.fixture
def trainer(client, cohort):
    sync_groups()
    user = UserFactory(email="trainer-fuzz@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Trainers"))
    TOTPAuthenticatorFactory(user=user)
    cohort.trainers.add(TrainerFactory(user=user))
    client.force_login(user)
    return user


@pytest.fixture
def place(cohort):
    return place_on(cohort, UserFactory())


def staff_submit(client, url, data, models):
    """A redirect (or a JSON 200) is an acceptance, holding no hidden characters; anything
    else must be a refusal (200 with the form again, or 400) that wrote nothing."""
    before = rows(*models)
    with each_example():
        response = client.post(url, data)
        if response.status_code in (302, 303) or (
            response.status_code == 200 and response.get("Content-Type") == "application/json"
        ):
            assert_no_hidden_characters(rows(*models))
        else:
            assert response.status_code in (200, 400), response.status_code
            assert rows(*models) == before
    return response


@fuzz(
    place_id=st.one_of(big_int.map(str), number_text, any_text),
    status=nasty(st.one_of(st.sampled_from(["present", "late", "absent", "left_early"]), any_text)),
    minutes=nasty(st.one_of(number_text, any_text)),
    max_examples=50,
)
def test_the_saved_as_you_go_mark_takes_any_input(
    client, trainer, cohort, place, place_id, status, minutes
):
    session = cohort.sessions.order_by("starts_at").first()
    data = {"place": place_id, "status": status, "minutes": minutes}
    response = staff_submit(
        client, f"/admin/attendance/{session.pk}/mark/", data, [AttendanceRecord]
    )
    if response.status_code == 400:
        assert response.json()["error"]  # a message the page can show


@fuzz(
    fields=st.dictionaries(st.sampled_from(["status", "minutes"]), nasty(), min_size=1),
    max_examples=30,
)
def test_the_register_takes_any_input(client, trainer, cohort, place, fields):
    session = cohort.sessions.order_by("starts_at").first()
    data = {f"{name}_{place.pk}": value for name, value in fields.items()}
    staff_submit(client, f"/admin/attendance/{session.pk}/", data, [AttendanceRecord])


@fuzz(
    fields=st.dictionaries(
        st.sampled_from(["subject", "body", "send_to", "learners", "key"]), nasty(), min_size=1
    ),
    template=st.one_of(st.none(), number_text, any_text),
    step=st.sampled_from(["preview", "confirm"]),
    max_examples=40,
)
def test_a_message_to_the_cohort_takes_any_input(
    client, trainer, cohort, place, fields, template, step
):
    data = {"subject": "Day 2", "body": "Hello {first_name}", "send_to": "everyone", "key": "k1"}
    data.update(fields)
    if step == "confirm":
        data["confirm"] = "1"
    url = f"/admin/my-cohorts/{cohort.pk}/messages/new/"
    if template is not None:
        from urllib.parse import urlencode

        url += "?" + urlencode({"template": template})
    staff_submit(client, url, data, [CohortMessage, MessageRecipient])


def test_a_message_template_that_is_not_a_number_is_ignored(client, trainer, cohort):
    response = client.get(f"/admin/my-cohorts/{cohort.pk}/messages/new/?template=day-2")
    assert response.status_code == 200


@fuzz(title=any_value, description=any_value, max_examples=20)
def test_material_titles_and_descriptions_of_any_text(client, trainer, cohort, title, description):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("notes.txt", b"Plain notes")
    data = {"title": title, "description": description, "file": file}
    staff_submit(client, f"/admin/my-cohorts/{cohort.pk}/materials/", data, [CohortMaterial])


@pytest.fixture
def finance(client, db):
    user = TOTPAuthenticatorFactory(user=StaffUserFactory(email="finance-fuzz@example.com")).user
    client.force_login(user)
    return user


@pytest.fixture
def invoice(site):
    return invoiced_order(CohortFactory()).invoices.get()


FINANCE_ROWS = (Invoice, InvoicePayment, CreditNote, OrderEvent)
amounts = st.one_of(
    number_text, st.sampled_from(["1e309", "NaN", "Infinity", "-5", "0.001", "9" * 40, "١٠"])
)


@fuzz(
    fields=st.dictionaries(
        st.sampled_from(["amount", "received_on", "reference", "method"]),
        nasty(st.one_of(amounts, any_text)),
        min_size=1,
    ),
    max_examples=40,
)
def test_recording_a_payment_takes_any_input(client, finance, invoice, fields):
    data = {
        "amount": "10.00",
        "received_on": "2026-01-05",
        "reference": "BACS 1",
        "method": "bank_transfer",
    }
    data.update(fields)
    staff_submit(client, f"/admin/finance/invoices/{invoice.pk}/payment/", data, FINANCE_ROWS)


@fuzz(
    fields=st.dictionaries(
        st.sampled_from(["amount", "whole_balance", "reason"]),
        nasty(st.one_of(amounts, any_text)),
        min_size=1,
    ),
    max_examples=30,
)
def test_a_credit_note_takes_any_input(client, finance, invoice, fields):
    data = {"amount": "10.00", "reason": "Place cancelled"}
    data.update(fields)
    staff_submit(client, f"/admin/finance/invoices/{invoice.pk}/credit/", data, FINANCE_ROWS)


@pytest.mark.parametrize("place_id", [str(2**63), str(10**30), "-1", "1e3"])
def test_a_mark_for_a_place_id_no_column_holds_is_refused_in_words(
    client, trainer, cohort, place_id
):
    session = cohort.sessions.order_by("starts_at").first()
    data = {"place": place_id, "status": "present", "minutes": ""}
    response = client.post(f"/admin/attendance/{session.pk}/mark/", data)
    assert response.status_code == 400
    assert response.json()["error"] == "This learner is not on the register: reload the page."
    assert not AttendanceRecord.objects.exists()
