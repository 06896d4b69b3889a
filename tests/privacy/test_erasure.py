"""Deleting an account removes the learner's personal data, keeps the financial records as
issued (anonymised, unlinked) and keeps or withdraws their certificates as they chose on the
form. Everything through the Django test client, as the learner does it."""

import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from bookings.models import BillingDetails, CreditNote, Invoice, Order, Payment, Place
from certificates.models import Certificate, CertificateVersion, NameCorrection
from cms.models import User
from learning.evaluation.models import EvaluationResponse
from learning.models import ModuleProgress, QuizAttempt, ReflectionNote

pytestmark = pytest.mark.django_db


def delete(client, user, password, **answers):
    client.force_login(user)
    return client.post(
        reverse("account_delete"), {"password": password, "confirm": "on", **answers}
    )


def verify_page(client, code):
    return client.get(reverse("certificates:verify_code", args=[code])).content.decode()


def test_a_certificate_holder_is_asked_what_happens_to_their_certificates(
    client, user, password, world
):
    client.force_login(user)
    page = client.get(reverse("account_delete")).content.decode()
    assert '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What should' in page
    assert 'type="radio" value="keep"' in page and 'type="radio" value="withdraw"' in page

    response = delete(client, user, password)
    page = response.content.decode()
    assert response.status_code == 200 and User.objects.filter(pk=user.pk).exists()
    assert 'class="nhsuk-error-summary"' in page
    assert '<a href="#id_certificates_0">Select what should happen to your certificates' in page


def test_a_learner_without_certificates_is_not_asked(client, other_user, password):
    client.force_login(other_user)
    assert 'value="withdraw"' not in client.get(reverse("account_delete")).content.decode()
    assert delete(client, other_user, password).status_code == 302


def test_keeping_certificates_verifiable(client, user, other_user, password, world):
    invoice, note = Invoice.objects.get(), CreditNote.objects.get()
    issued = model_to_dict(invoice), model_to_dict(note)
    response = delete(client, user, password, certificates="keep")
    assert response.status_code == 302 and not User.objects.filter(pk=user.pk).exists()

    page = verify_page(client, world)
    assert "This certificate is valid" in page and "Amara Okafor" in page and "5-day course" in page
    # Issued documents stay exactly as issued; the order they hang off names nobody.
    assert (model_to_dict(Invoice.objects.get()), model_to_dict(CreditNote.objects.get())) == issued
    order = Invoice.objects.get().order
    assert order.buyer is None and order.buyer_email == "erased@invalid"
    assert Payment.objects.get().order == order
    assert BillingDetails.objects.get().billing_email == "erased@invalid"
    assert not Place.objects.filter(attendee_email=user.email).exists()
    assert not Place.objects.filter(requirements__gt="", attendee_name="Erased account").exists()
    assert_learning_records_gone(user, other_user)


def assert_learning_records_gone(user, other_user):
    for model in (ModuleProgress, ReflectionNote, QuizAttempt, NameCorrection):
        assert not model.objects.exclude(**{owner(model): other_user}).exists(), model
    assert EvaluationResponse.objects.count() == 1  # Bert's
    assert Order.objects.filter(buyer_email=other_user.email).exists()
    assert not Order.objects.filter(buyer_email=user.email).exists()


def owner(model):
    return "requested_by" if model is NameCorrection else "user"


def test_withdrawing_certificates(client, user, other_user, password, world):
    delete(client, user, password, certificates="withdraw")

    page = verify_page(client, world)
    assert "This certificate has been withdrawn" in page
    assert "withdrawn" in page and "Amara" not in page and "Okafor" not in page
    mine = Certificate.objects.get(code=world)
    assert mine.status == "revoked" and mine.withdrawn
    assert set(
        CertificateVersion.objects.filter(certificate=mine).values_list(
            "learner_name", "registration_number", "badge_jwt"
        )
    ) == {("", "", "")}
    bert = Certificate.objects.exclude(code=world).get()
    assert bert.status == "valid" and bert.current.learner_name == other_user.display_name


def test_the_export_before_erasure_is_the_last_copy(client, user, password, world):
    """After erasure nothing of the learner's is left to export, and the session is gone."""
    delete(client, user, password, certificates="keep")
    assert client.get(reverse("account_data_export")).status_code == 302  # signed out
    assert user.email not in json.dumps(list(Place.objects.values()), default=str)
