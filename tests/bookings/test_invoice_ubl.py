"""UBL 2.1 e-invoices following Peppol BIS Billing 3.0: parse what is served and find every
element the standard requires, with the values the invoice states — an exempt and a
standard-rated line on one invoice, a discount, a card receipt already paid, a credit note
referring to its invoice — in the order the UBL schema puts them."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from bookings.invoicing.issue import issue_credit_note
from bookings.invoicing.ubl import CUSTOMIZATION_ID, PROFILE_ID, credit_note_xml, invoice_xml
from bookings.invoicing.vat import EXEMPTION_CODE, EXEMPTION_REASON
from tests.bookings.invoices import add_catering_line, invoiced_order, receipt_for_card_booking
from tests.factories.bookings import DiscountCodeFactory

pytestmark = pytest.mark.django_db

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
# The UBL 2.1 sequence of the top-level elements these documents use.
INVOICE_ORDER = [
    "CustomizationID",
    "ProfileID",
    "ID",
    "IssueDate",
    "DueDate",
    "InvoiceTypeCode",
    "CreditNoteTypeCode",
    "Note",
    "TaxPointDate",
    "DocumentCurrencyCode",
    "BuyerReference",
    "OrderReference",
    "BillingReference",
    "AccountingSupplierParty",
    "AccountingCustomerParty",
    "PaymentMeans",
    "PaymentTerms",
    "TaxTotal",
    "LegalMonetaryTotal",
    "InvoiceLine",
    "CreditNoteLine",
]


def text(element, path):
    found = element.find(path, NS)
    assert found is not None, f"missing {path}"
    return found.text


def local(element):
    return element.tag.rpartition("}")[2]


def assert_schema_order(root):
    names = [local(child) for child in root]
    positions = [INVOICE_ORDER.index(name) for name in names]
    assert positions == sorted(positions), names


def assert_party(party, *, name, vat, postcode, city):
    assert text(party, "cac:PartyName/cbc:Name") == name
    assert text(party, "cac:PartyLegalEntity/cbc:RegistrationName") == name
    assert text(party, "cac:PostalAddress/cbc:PostalZone") == postcode
    assert text(party, "cac:PostalAddress/cbc:CityName") == city
    assert text(party, "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "GB"
    assert text(party, "cac:PartyTaxScheme/cbc:CompanyID") == vat
    assert text(party, "cac:PartyTaxScheme/cac:TaxScheme/cbc:ID") == "VAT"
    assert party.find("cbc:EndpointID", NS).get("schemeID") == "EM"


def subtotal(root, category):
    for sub in root.findall("cac:TaxTotal/cac:TaxSubtotal", NS):
        if text(sub, "cac:TaxCategory/cbc:ID") == category:
            return sub
    raise AssertionError(f"no {category} subtotal")


def assert_totals_add_up(root, line_tag):
    lines = root.findall(f"cac:{line_tag}", NS)
    money = root.find("cac:LegalMonetaryTotal", NS)
    lines_sum = sum(Decimal(text(line, "cbc:LineExtensionAmount")) for line in lines)
    assert Decimal(text(money, "cbc:LineExtensionAmount")) == lines_sum  # BR-CO-10
    tax = Decimal(text(root, "cac:TaxTotal/cbc:TaxAmount"))
    subtotals = root.findall("cac:TaxTotal/cac:TaxSubtotal", NS)
    assert tax == sum(Decimal(text(s, "cbc:TaxAmount")) for s in subtotals)  # BR-CO-14
    exclusive = Decimal(text(money, "cbc:TaxExclusiveAmount"))
    assert Decimal(text(money, "cbc:TaxInclusiveAmount")) == exclusive + tax  # BR-CO-15
    prepaid = Decimal(money.findtext("cbc:PrepaidAmount", "0", NS))
    payable = Decimal(text(money, "cbc:PayableAmount"))
    assert payable == Decimal(text(money, "cbc:TaxInclusiveAmount")) - prepaid  # BR-CO-16
    for amount in root.iter():
        if amount.get("currencyID"):
            assert amount.get("currencyID") == "GBP"
            assert len(amount.text.partition(".")[2]) == 2, amount.text


@pytest.fixture
def mixed_invoice(site):
    """Two exempt course places and one standard-rated catering line."""
    order, invoice = invoiced_order()
    return order, add_catering_line(invoice, net_pence=2500)


def test_an_invoice_has_every_element_peppol_requires(mixed_invoice):
    order, invoice = mixed_invoice
    root = ET.fromstring(invoice_xml(invoice))
    assert root.tag == f"{{{NS['inv']}}}Invoice"
    assert_schema_order(root)
    assert text(root, "cbc:CustomizationID") == CUSTOMIZATION_ID
    assert CUSTOMIZATION_ID == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert (
        text(root, "cbc:ProfileID") == PROFILE_ID == ("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
    )
    assert text(root, "cbc:ID") == invoice.number
    assert text(root, "cbc:IssueDate") == invoice.issue_date.isoformat()
    assert text(root, "cbc:DueDate") == invoice.due_date.isoformat()
    assert text(root, "cbc:InvoiceTypeCode") == "380"
    assert text(root, "cbc:DocumentCurrencyCode") == "GBP"
    assert text(root, "cbc:BuyerReference") == "4500123456"
    assert text(root, "cac:OrderReference/cbc:ID") == "4500123456"

    supplier = root.find("cac:AccountingSupplierParty/cac:Party", NS)
    assert_party(
        supplier,
        name="Psychological Medicine Education Partnership",
        vat="GB999999973",
        postcode="SE5 9RJ",
        city="London",
    )
    customer = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    assert_party(
        customer,
        name="Riverside NHS Foundation Trust",
        vat="GB987654321",
        postcode="RV1 4QT",
        city="Riverton",
    )
    assert text(customer, "cac:PostalAddress/cbc:StreetName") == "Riverside Hospital"
    assert text(customer, "cac:PartyIdentification/cbc:ID") == "RXR"

    means = root.find("cac:PaymentMeans", NS)
    assert text(means, "cbc:PaymentMeansCode") == "30"
    assert text(means, "cbc:PaymentID") == invoice.number
    assert text(means, "cac:PayeeFinancialAccount/cbc:ID") == "20000012345678"

    assert text(root, "cac:TaxTotal/cbc:TaxAmount") == "5.00"
    exempt = subtotal(root, "E")
    assert text(exempt, "cbc:TaxableAmount") == "700.00"
    assert text(exempt, "cbc:TaxAmount") == "0.00"
    assert text(exempt, "cac:TaxCategory/cbc:Percent") == "0.00"
    assert text(exempt, "cac:TaxCategory/cbc:TaxExemptionReasonCode") == EXEMPTION_CODE
    assert text(exempt, "cac:TaxCategory/cbc:TaxExemptionReason") == EXEMPTION_REASON
    assert text(exempt, "cac:TaxCategory/cac:TaxScheme/cbc:ID") == "VAT"
    standard = subtotal(root, "S")
    assert text(standard, "cbc:TaxableAmount") == "25.00"
    assert text(standard, "cbc:TaxAmount") == "5.00"
    assert text(standard, "cac:TaxCategory/cbc:Percent") == "20.00"
    assert standard.find("cac:TaxCategory/cbc:TaxExemptionReason", NS) is None

    money = root.find("cac:LegalMonetaryTotal", NS)
    assert text(money, "cbc:LineExtensionAmount") == "725.00"
    assert text(money, "cbc:TaxExclusiveAmount") == "725.00"
    assert text(money, "cbc:TaxInclusiveAmount") == "730.00"
    assert money.find("cbc:PrepaidAmount", NS) is None
    assert text(money, "cbc:PayableAmount") == "730.00"
    assert_totals_add_up(root, "InvoiceLine")

    lines = root.findall("cac:InvoiceLine", NS)
    assert [text(line, "cbc:ID") for line in lines] == ["1", "2", "3"]
    course, _, lunch = lines
    quantity = course.find("cbc:InvoicedQuantity", NS)
    assert quantity.text == "1" and quantity.get("unitCode") == "C62"
    assert text(course, "cbc:LineExtensionAmount") == "350.00"
    assert text(course, "cac:Item/cbc:Name").startswith(order.cohort.course.title)
    assert text(course, "cac:Item/cbc:Description") == "Place for Grace Hopper"
    assert text(course, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID") == "E"
    assert text(course, "cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:ID") == "VAT"
    assert text(course, "cac:Price/cbc:PriceAmount") == "350.00"
    assert text(lunch, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID") == "S"
    assert text(lunch, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent") == "20.00"
    assert text(lunch, "cbc:LineExtensionAmount") == "25.00"


def test_without_a_po_the_buyer_reference_is_the_booking(site):
    order, invoice = invoiced_order(po="")
    root = ET.fromstring(invoice_xml(invoice))
    assert text(root, "cbc:BuyerReference") == order.reference
    assert root.find("cac:OrderReference", NS) is None


def test_a_discount_is_a_line_allowance(site):
    DiscountCodeFactory(code="NHS10", value=10)
    _, invoice = invoiced_order(discount_code="NHS10")
    root = ET.fromstring(invoice_xml(invoice))
    line = root.find("cac:InvoiceLine", NS)
    assert text(line, "cac:Price/cbc:PriceAmount") == "350.00"
    allowance = line.find("cac:AllowanceCharge", NS)
    assert text(allowance, "cbc:ChargeIndicator") == "false"
    assert text(allowance, "cbc:Amount") == "35.00"
    assert text(line, "cbc:LineExtensionAmount") == "315.00"
    names = [local(child) for child in line]
    assert names.index("AllowanceCharge") < names.index("Item") < names.index("Price")
    assert_totals_add_up(root, "InvoiceLine")


def test_a_card_receipt_is_prepaid_with_nothing_payable(site):
    receipt = receipt_for_card_booking()
    root = ET.fromstring(invoice_xml(receipt))
    money = root.find("cac:LegalMonetaryTotal", NS)
    assert text(money, "cbc:PrepaidAmount") == text(money, "cbc:TaxInclusiveAmount")
    assert text(money, "cbc:PayableAmount") == "0.00"
    assert text(root, "cac:PaymentMeans/cbc:PaymentMeansCode") == "48"
    assert_totals_add_up(root, "InvoiceLine")


def test_a_credit_note_refers_to_its_invoice(mixed_invoice):
    order, invoice = mixed_invoice
    note = issue_credit_note(invoice_id=invoice.pk, amount_pence=38000, reason="Lunch and a place")
    root = ET.fromstring(credit_note_xml(note))
    assert root.tag == f"{{{NS['cn']}}}CreditNote"
    assert_schema_order(root)
    assert text(root, "cbc:CustomizationID") == CUSTOMIZATION_ID
    assert text(root, "cbc:ProfileID") == PROFILE_ID
    assert text(root, "cbc:ID") == note.number
    assert text(root, "cbc:IssueDate") == note.issue_date.isoformat()
    assert text(root, "cbc:CreditNoteTypeCode") == "381"
    assert text(root, "cbc:DocumentCurrencyCode") == "GBP"
    assert text(root, "cbc:BuyerReference") == "4500123456"
    reference = root.find("cac:BillingReference/cac:InvoiceDocumentReference", NS)
    assert text(reference, "cbc:ID") == invoice.number
    assert text(reference, "cbc:IssueDate") == invoice.issue_date.isoformat()
    assert root.find("cbc:DueDate", NS) is None
    assert_party(
        root.find("cac:AccountingCustomerParty/cac:Party", NS),
        name="Riverside NHS Foundation Trust",
        vat="GB987654321",
        postcode="RV1 4QT",
        city="Riverton",
    )
    lines = root.findall("cac:CreditNoteLine", NS)
    assert lines and all(
        line.find("cbc:CreditedQuantity", NS).get("unitCode") == "C62" for line in lines
    )
    assert {text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID") for line in lines} == {
        "E",
        "S",
    }
    assert text(subtotal(root, "E"), "cac:TaxCategory/cbc:TaxExemptionReasonCode") == (
        EXEMPTION_CODE
    )
    money = root.find("cac:LegalMonetaryTotal", NS)
    assert text(money, "cbc:PayableAmount") == "380.00"
    assert_totals_add_up(root, "CreditNoteLine")
