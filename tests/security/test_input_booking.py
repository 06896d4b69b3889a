"""Booking forms under arbitrary input: the booking form (attendees, tiers, emails,
requirements, organisation, discount code), the invoice details (PO, VAT, postcode), the
PO sent in later, cancelling, moving and the waiting list. Never a 500; a refusal is the
form again with its error summary, and nothing written; what is accepted holds no hidden
control characters."""

import pytest
from hypothesis import strategies as st

from bookings.forms import InvoiceDetailsForm
from bookings.models import (
    BillingDetails,
    DiscountCode,
    Invoice,
    Order,
    OrderEvent,
    Place,
    WaitingListEntry,
)
from tests.bookings.stripe import held_order
from tests.bookings.test_booking_form import form_data
from tests.factories import UserFactory
from tests.factories.bookings import (
    DiscountCodeFactory,
    OrganisationFactory,
    billing_for,
    invoiced_order,
)
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.security.fuzz import (
    any_text,
    assert_no_hidden_characters,
    assert_refused,
    big_int,
    each_example,
    fuzz,
    nasty,
    number_text,
    odd_text,
    rows,
)

pytestmark = pytest.mark.django_db

BOOKING_ROWS = (Order, Place, OrderEvent, DiscountCode, BillingDetails, Invoice, WaitingListEntry)


@pytest.fixture
def cohort(site):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    return CohortFactory(course=course, capacity=3)


@pytest.fixture
def booker(client, cohort):
    user = UserFactory()
    client.force_login(user)
    DiscountCodeFactory(code="PARTNER10")
    OrganisationFactory()
    return user


def submit(client, url, data, *, refused_statuses=(200, 400)):
    """POST; a redirect is an acceptance (checked for hidden characters), anything else must
    be a refusal that wrote nothing."""
    before = rows(*BOOKING_ROWS)
    with each_example():
        response = client.post(url, data)
        if response.status_code in (302, 303):
            assert_no_hidden_characters(rows(*BOOKING_ROWS))
        else:
            assert_refused(response, refused_statuses)
            assert rows(*BOOKING_ROWS) == before
    return response


ATTENDEE_FIELDS = ["name", "email", "profession", "organisation", "price_tier", "requirements"]
FORM_FIELDS = [
    "discount_code",
    "organisation",
    "submission_key",
    "terms",
    "attendee-TOTAL_FORMS",
    "attendee-INITIAL_FORMS",
    "attendee-MAX_NUM_FORMS",
]


@fuzz(
    attendee=st.dictionaries(st.sampled_from(ATTENDEE_FIELDS), nasty(), min_size=1),
    form=st.dictionaries(st.sampled_from(FORM_FIELDS), nasty(), max_size=2),
    max_examples=60,
)
def test_the_booking_form_refuses_what_it_cannot_take(client, cohort, booker, attendee, form):
    data = form_data(cohort, [("Amara Okafor", "amara@example.com")])
    data.update({f"attendee-0-{k}": v for k, v in attendee.items()})
    data.update(form)
    submit(client, f"/book/cohorts/{cohort.pk}/", data)


@fuzz(
    emails=st.lists(
        st.one_of(any_text, st.sampled_from(["a@example.com", "A@EXAMPLE.COM", "b@example.com"])),
        min_size=2,
        max_size=4,
    ),
    max_examples=25,
)
def test_several_attendees_with_odd_or_repeated_emails(client, cohort, booker, emails):
    people = [(f"Person {i}", email) for i, email in enumerate(emails)]
    submit(client, f"/book/cohorts/{cohort.pk}/", form_data(cohort, people))


@fuzz(code=nasty(st.one_of(any_text, number_text)), max_examples=30)
def test_discount_codes_of_any_shape(client, cohort, booker, code):
    data = form_data(cohort, [("Amara Okafor", "amara@example.com")])
    data["discount_code"] = code
    submit(client, f"/book/cohorts/{cohort.pk}/", data)


INVOICE_FIELDS = InvoiceDetailsForm._meta.fields
vat_like = st.sampled_from(
    ["GB١٢٣٤٥٦٧٨٩", "GB９９９９９９９７３", "GB 999 9999 73\x00", "gb999999973\n", "FR١٢٣٤٥"]
)
po_like = st.sampled_from(["4500١٢٣٤٥٦", "4500１２３４５６", "4500123456\x0b", "4500" + "1" * 60])


@pytest.fixture
def trust(db):
    return OrganisationFactory(po_required=True, po_pattern="4500######")


@pytest.fixture
def held(client, site, trust):
    order = held_order(CohortFactory(), n=1)
    order.organisation = trust
    order.save(update_fields=["organisation"])
    client.force_login(order.buyer)
    return order


@fuzz(
    fields=st.dictionaries(
        st.sampled_from(INVOICE_FIELDS),
        nasty(st.one_of(any_text, number_text, vat_like, po_like)),
        min_size=1,
    ),
    max_examples=60,
)
def test_invoice_details_refuse_what_they_cannot_take(client, held, trust, fields):
    data = billing_for(trust, **{"po_number": "4500123456", **fields})
    submit(client, f"/book/orders/{held.reference}/invoice/", data)


@pytest.mark.parametrize("vat", ["GB١٢٣٤٥٦٧٨٩", "GB۹۹۹۹۹۹۹۷۳", "GB９９９９９９９７３"])
def test_a_vat_number_in_other_scripts_digits_is_refused(client, held, trust, vat):
    response = submit(
        client, f"/book/orders/{held.reference}/invoice/", billing_for(trust, vat_number=vat)
    )
    assert "Enter a VAT number like GB 123 4567 89" in response.content.decode()


@pytest.mark.parametrize("po", ["4500١٢٣٤٥٦", "4500１２３４５６"])
def test_a_po_in_other_scripts_digits_is_refused(client, held, trust, po):
    response = submit(
        client, f"/book/orders/{held.reference}/invoice/", billing_for(trust, po_number=po)
    )
    assert "in your organisation&#x27;s format" in response.content.decode()


@pytest.mark.parametrize("field", ["organisation_name", "address_line_1", "town"])
def test_control_characters_in_billing_details_are_refused_in_plain_words(
    client, held, trust, field
):
    data = billing_for(trust, po_number="4500123456", **{field: "Riverside\x1b[2J Trust"})
    response = submit(client, f"/book/orders/{held.reference}/invoice/", data)
    assert "hidden control character" in response.content.decode()


@fuzz(po=nasty(st.one_of(any_text, number_text, po_like)), max_examples=30)
def test_a_po_sent_in_later_of_any_shape(client, site, trust, po):
    order = invoiced_order(CohortFactory(), organisation=trust)  # confirmed, awaiting its PO
    client.force_login(order.buyer)
    submit(client, f"/book/orders/{order.reference}/po/", {"po_number": po})


@fuzz(places=nasty(st.one_of(number_text, big_int.map(str), odd_text)), max_examples=25)
def test_cancelling_places_that_are_not_on_offer(client, site, places):
    order = held_order(CohortFactory(), n=1)
    client.force_login(order.buyer)
    submit(client, f"/book/orders/{order.reference}/cancel/", {"places": places})


@fuzz(wanted=nasty(st.one_of(number_text, odd_text)), any_cohort=nasty(), max_examples=25)
def test_joining_a_waiting_list_with_any_number(client, site, wanted, any_cohort):
    cohort = CohortFactory(capacity=0)
    client.force_login(UserFactory())
    data = {"places_wanted": wanted, "any_cohort": any_cohort}
    submit(
        client, f"/book/cohorts/{cohort.pk}/waiting-list/", data, refused_statuses=(200, 400, 409)
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("bank_sort_code", "١٢-٣٤-٥٦"), ("bank_account_number", "１２３４５６７８")],
)
def test_the_providers_bank_details_take_ascii_digits_only(field, value):
    from django.core.exceptions import ValidationError

    from cms.models import SiteSettings

    with pytest.raises(ValidationError):
        SiteSettings._meta.get_field(field).run_validators(value)
    good = {"bank_sort_code": "12-34-56", "bank_account_number": "12345678"}[field]
    SiteSettings._meta.get_field(field).run_validators(good)  # ASCII digits still pass
