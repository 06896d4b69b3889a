"""The certificate email: the PDF attached, the code and where to check it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from certificates.codes import grouped
from certificates.documents import verify_url


def recipient(place):
    """The learner's account address, else the address the place was booked for."""
    return place.attendee.email if place.attendee else place.attendee_email


def send_certificate(version):
    certificate = version.certificate
    context = {
        "version": version,
        "code": grouped(certificate.code),
        "verify_url": verify_url(certificate),
        "dashboard_url": settings.SITE_URL + reverse("learning:dashboard"),
    }
    corrected = "corrected " if version.number > 1 else ""
    message = EmailMultiAlternatives(
        f"Your {corrected}certificate: {version.course_title}",
        render_to_string("certificates/email/issued.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [recipient(certificate.place)],
    )
    message.attach_alternative(
        render_to_string("certificates/email/issued.html", context), "text/html"
    )
    with version.pdf.open("rb") as pdf:
        message.attach(f"certificate-{certificate.code}.pdf", pdf.read(), "application/pdf")
    message.send()


def send_correction_declined(correction):
    """Tell the learner their name correction was declined, and why."""
    certificate = correction.certificate
    context = {
        "correction": correction,
        "code": grouped(certificate.code),
        "dashboard_url": settings.SITE_URL + reverse("learning:dashboard"),
    }
    message = EmailMultiAlternatives(
        "Your certificate name correction",
        render_to_string("certificates/email/correction_declined.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [recipient(certificate.place)],
    )
    message.attach_alternative(
        render_to_string("certificates/email/correction_declined.html", context), "text/html"
    )
    message.send()
