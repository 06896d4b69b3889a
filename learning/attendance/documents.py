"""The printable sign-in sheet for one session: WeasyPrint, tagged PDF/UA-1 with a title and a
language like the certificates (certificates/documents.py); nothing is fetched while
rendering, the stylesheet is inline and the fonts are the machine's own."""

from django.template.loader import render_to_string
from django.utils import timezone

from cms import pdf
from cms.models.users import Profession
from learning.attendance.services import register_places

PROFESSIONS = dict(Profession.choices)


def sign_in_rows(session):
    return [
        {
            "name": place.attendee_name,
            "profession": PROFESSIONS.get(place.profession, place.profession),
            "organisation": place.organisation_name,
        }
        for place in register_places(session)
    ]


def render_sign_in_sheet(session) -> bytes:
    context = {
        "session": session,
        "cohort": session.cohort,
        "starts": timezone.localtime(session.starts_at),
        "ends": timezone.localtime(session.ends_at),
        "rows": sign_in_rows(session),
    }
    html = render_to_string("learning/attendance/sign_in_sheet_pdf.html", context)
    return pdf.write_pdf(html)


def sign_in_filename(session):
    return (
        f"sign-in-{session.cohort.course.slug}-{timezone.localtime(session.starts_at):%Y-%m-%d}.pdf"
    )
