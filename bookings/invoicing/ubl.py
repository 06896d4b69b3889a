"""Invoices and credit notes as UBL 2.1 XML, following Peppol BIS Billing 3.0.

NHS shared services and many public buyers take e-invoices: the buyer's reference is the
PO number (else the booking's reference), amounts are in pounds with two decimals, each
VAT category has its own subtotal, and an exempt one says why. Elements are written in the
order the UBL schema requires, since validators check the sequence too.
"""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from bookings.invoicing.documents import vat_groups
from bookings.invoicing.vat import EXEMPTION_CODE, EXEMPTION_REASON
from cms.models.settings import default_site_settings

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}
CURRENCY = "GBP"
CREDIT_TRANSFER, BANK_CARD = "30", "48"  # UNCL4461 payment means
UK_POSTCODE = re.compile(r"\s*\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$", re.IGNORECASE)

for _prefix in ("cac", "cbc"):
    ET.register_namespace(_prefix, NS[_prefix])


def invoice_xml(invoice) -> bytes:
    """The invoice (or card receipt) as a Peppol BIS 3.0 UBL Invoice."""
    site = default_site_settings()
    root = ET.Element(f"{{{NS['inv']}}}Invoice")
    _header(root, invoice)
    add(root, "cbc:DueDate", invoice.due_date.isoformat())
    add(root, "cbc:InvoiceTypeCode", "380")
    _currency_and_references(root, invoice, tax_point=invoice.tax_point)
    _parties(root, invoice, site)
    _payment(root, invoice, site)
    lines = list(invoice.lines.all())
    prepaid = invoice.total_pence if invoice.paid_by_card else max(invoice.paid_pence, 0)
    _totals(root, invoice, lines, prepaid=min(prepaid, invoice.total_pence))
    for index, line in enumerate(lines, start=1):
        _line(root, "InvoiceLine", "InvoicedQuantity", index, line)
    return _serialise(root)


def credit_note_xml(note) -> bytes:
    """The credit note as a Peppol BIS 3.0 UBL CreditNote, referring to its invoice."""
    site = default_site_settings()
    root = ET.Element(f"{{{NS['cn']}}}CreditNote")
    _header(root, note)
    add(root, "cbc:CreditNoteTypeCode", "381")
    add(root, "cbc:Note", note.reason)
    _currency_and_references(root, note, tax_point=note.issue_date, invoice=note.invoice)
    _parties(root, note, site)
    lines = list(note.lines.all())
    _totals(root, note, lines, prepaid=0)
    for index, line in enumerate(lines, start=1):
        _line(root, "CreditNoteLine", "CreditedQuantity", index, line)
    return _serialise(root)


def add(parent, tag, text=None, **attributes):
    """A child element: `tag` as "cbc:Name", `text` written as given (None for none)."""
    prefix, name = tag.split(":")
    element = ET.SubElement(parent, f"{{{NS[prefix]}}}{name}", attributes)
    if text is not None:
        element.text = str(text)
    return element


def amount(parent, tag, pence):
    return add(parent, tag, f"{Decimal(pence) / 100:.2f}", currencyID=CURRENCY)


def _header(root, document):
    add(root, "cbc:CustomizationID", CUSTOMIZATION_ID)
    add(root, "cbc:ProfileID", PROFILE_ID)
    add(root, "cbc:ID", document.number)
    add(root, "cbc:IssueDate", document.issue_date.isoformat())


def _currency_and_references(root, document, *, tax_point, invoice=None):
    order = (invoice or document).order
    add(root, "cbc:TaxPointDate", tax_point.isoformat())
    add(root, "cbc:DocumentCurrencyCode", CURRENCY)
    add(root, "cbc:BuyerReference", document.po_number or order.reference)
    if document.po_number:
        add(add(root, "cac:OrderReference"), "cbc:ID", document.po_number)
    if invoice is not None:
        reference = add(add(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        add(reference, "cbc:ID", invoice.number)
        add(reference, "cbc:IssueDate", invoice.issue_date.isoformat())


def _parties(root, document, site):
    supplier = add(add(root, "cac:AccountingSupplierParty"), "cac:Party")
    _party(
        supplier,
        name=document.supplier_name,
        address=document.supplier_address,
        vat_number=document.supplier_vat_number,
        email=site.contact_email,
    )
    customer = add(add(root, "cac:AccountingCustomerParty"), "cac:Party")
    _party(
        customer,
        name=document.customer_name,
        address=document.customer_address,
        vat_number=document.customer_vat_number,
        email=document.customer_email,
        identifier=document.customer_ods_code,
    )


def _party(party, *, name, address, vat_number, email, identifier=""):
    if email:  # Peppol asks for an electronic address; EM is the EAS code for email
        add(party, "cbc:EndpointID", email, schemeID="EM")
    if identifier:  # the NHS ODS code, which NHS buyers match suppliers' invoices on
        add(add(party, "cac:PartyIdentification"), "cbc:ID", identifier)
    add(add(party, "cac:PartyName"), "cbc:Name", name)
    _postal_address(party, address)
    if vat_number:
        scheme = add(party, "cac:PartyTaxScheme")
        add(scheme, "cbc:CompanyID", vat_number)
        add(add(scheme, "cac:TaxScheme"), "cbc:ID", "VAT")
    add(add(party, "cac:PartyLegalEntity"), "cbc:RegistrationName", name)
    if email:
        add(add(party, "cac:Contact"), "cbc:ElectronicMail", email)


def postal_parts(address):
    """A frozen address ("street\\nmore\\ntown\\npostcode") as UBL's street, additional
    street, city and postal zone. The postcode may end the town's line ("London SE5 9RJ")."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    postcode = ""
    if lines and (match := UK_POSTCODE.search(lines[-1])):
        postcode = match.group(1).upper()
        lines[-1] = lines[-1][: match.start()].strip(" ,")
        lines = [line for line in lines if line]
    city = lines.pop() if len(lines) > 1 else ""
    street = lines[0] if lines else ""
    return {
        "StreetName": street,
        "AdditionalStreetName": ", ".join(lines[1:]),
        "CityName": city,
        "PostalZone": postcode,
    }


def _postal_address(party, address):
    postal = add(party, "cac:PostalAddress")
    for name, value in postal_parts(address).items():
        if value:
            add(postal, f"cbc:{name}", value)
    add(add(postal, "cac:Country"), "cbc:IdentificationCode", "GB")


def _payment(root, invoice, site):
    means = add(root, "cac:PaymentMeans")
    add(means, "cbc:PaymentMeansCode", BANK_CARD if invoice.paid_by_card else CREDIT_TRANSFER)
    add(means, "cbc:PaymentID", invoice.number)
    if not invoice.paid_by_card:
        account = add(means, "cac:PayeeFinancialAccount")
        sort_code = site.bank_sort_code.replace("-", "")
        add(account, "cbc:ID", f"{sort_code}{site.bank_account_number}")
        add(account, "cbc:Name", site.bank_account_name or invoice.supplier_name)
        days = (invoice.due_date - invoice.issue_date).days
        add(add(root, "cac:PaymentTerms"), "cbc:Note", f"Payment within {days} days")


def _tax_category(parent, tag, category, percent):
    element = add(parent, tag)
    add(element, "cbc:ID", category)
    add(element, "cbc:Percent", f"{Decimal(percent):.2f}")
    return element


def _totals(root, document, lines, *, prepaid):
    tax_total = add(root, "cac:TaxTotal")
    amount(tax_total, "cbc:TaxAmount", document.vat_pence)
    for group in vat_groups(lines):
        subtotal = add(tax_total, "cac:TaxSubtotal")
        amount(subtotal, "cbc:TaxableAmount", group.net_pence)
        amount(subtotal, "cbc:TaxAmount", group.vat_pence)
        category = _tax_category(subtotal, "cac:TaxCategory", group.category, group.percent)
        if group.category == "E":
            add(category, "cbc:TaxExemptionReasonCode", EXEMPTION_CODE)
            add(category, "cbc:TaxExemptionReason", EXEMPTION_REASON)
        add(add(category, "cac:TaxScheme"), "cbc:ID", "VAT")
    money = add(root, "cac:LegalMonetaryTotal")
    amount(money, "cbc:LineExtensionAmount", document.net_pence)
    amount(money, "cbc:TaxExclusiveAmount", document.net_pence)
    amount(money, "cbc:TaxInclusiveAmount", document.total_pence)
    if prepaid:
        amount(money, "cbc:PrepaidAmount", prepaid)
    amount(money, "cbc:PayableAmount", document.total_pence - prepaid)


def _line(root, tag, quantity_tag, index, line):
    element = add(root, f"cac:{tag}")
    add(element, "cbc:ID", index)
    add(element, f"cbc:{quantity_tag}", "1", unitCode="C62")
    amount(element, "cbc:LineExtensionAmount", line.net_pence)
    if line.discount_pence:
        discount = add(element, "cac:AllowanceCharge")
        add(discount, "cbc:ChargeIndicator", "false")
        add(discount, "cbc:AllowanceChargeReasonCode", "95")  # UNCL5189: discount
        add(discount, "cbc:AllowanceChargeReason", "Discount")
        amount(discount, "cbc:Amount", line.discount_pence)
    item = add(element, "cac:Item")
    if line.attendee_name:
        add(item, "cbc:Description", f"Place for {line.attendee_name}")
    add(item, "cbc:Name", line.description[:100])
    category = _tax_category(item, "cac:ClassifiedTaxCategory", line.vat_category, line.vat_percent)
    add(add(category, "cac:TaxScheme"), "cbc:ID", "VAT")
    price = add(element, "cac:Price")
    amount(price, "cbc:PriceAmount", line.unit_pence)


def _serialise(root):
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
