"""Demo data for certificates, made through the real services: registers kept for the
sessions held on the past ("Summer", "Autumn") and running cohorts; on the past cohorts,
accounts for the learners booked by their employers, who pass every quiz (so the quiz
signal issues their certificate of completion, as it would for real), one learner who came
to three days only and gets a certificate of attendance, one certificate revoked (issued in
error) and one name correction waiting for staff. On Summer everyone came to every session
but one on each run who never came at all (bookings.demo_content.SUMMER_NO_SHOWS), marked
absent throughout and given no certificate. The site settings name the partnership's trust
and university and the courses have codes, so certificates state them. Every certificate's
Open Badge is signed (so the revoked one's bit is set on the published revocation list), and
the learners' accounts name the regulator of their profession, so that My learning's CPD
record comes in its shape (Rachel Green: NMC; Femi Adeyemi: GMC). Idempotent."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from bookings.claims import claim_places
from bookings.demo_content import SUMMER_NO_SHOWS
from bookings.models import Place, PlaceStatus
from certificates.badges.credential import ensure_badge
from certificates.corrections import request_correction
from certificates.models import Certificate, CertificateStatus, CertificateVersion, StatusReason
from certificates.services import issue_certificate, issue_if_due, revoke_certificate
from cms.demo import demo_password
from cms.models import User
from cms.models.settings import default_site_settings
from courses.models import Cohort, CoursePage
from learning.attendance.services import record_attendance
from learning.demo import take_quizzes
from learning.models import ModulePage

PAST = ("Summer", "Autumn")
ATTENDANCE_ONLY = "Femi Adeyemi"  # came to days 1, 2 and 4, did no quiz
REVOKED = "Jo Marsh"  # issued, then revoked (in the story, attendance was recorded in error)
CORRECTION = ("Rachel Green", "Rachel A. Green")  # asks for her middle initial, as registered
# The demo's partnership (its address, Weston Education Centre on Cutcombe Road, is King's
# College Hospital's, where King's College London teaches) and codes for its two courses.
ISSUERS = ("King's College Hospital NHS Foundation Trust", "King's College London")
COURSE_CODES = {"five-day-course": "MHS-5D", "three-week-course": "MHS-3W"}
LATE = "Owen Hughes"  # on the running 5-day cohort: late on day 2
# The regulator of each profession booked, for the learners' profiles (CPD records).
REGULATOR = {"nurse": "NMC", "midwife": "NMC", "doctor": "GMC", "ahp": "HCPC"}


def seed(scale=1):
    seed_signatory()
    seed_course_codes()
    now = timezone.now()
    for cohort in Cohort.objects.filter(title__in=("Summer", "Autumn", "Current run")):
        keep_registers(cohort, now)
    for cohort in Cohort.objects.filter(title__in=PAST).select_related("course"):
        for place in confirmed(cohort).exclude(attendee_name__in=SUMMER_NO_SHOWS):
            finish_course(place)
    revoked = revoke_one()
    ask_for_correction()
    signed = sign_badges()
    counts = {
        status: Certificate.objects.filter(status=status).count() for status in CertificateStatus
    }
    return [
        f"Certificates: {counts['valid']} valid, {counts['revoked']} revoked ({revoked} now); "
        "registers kept for the Summer, Autumn and running cohorts' sessions held so far; "
        f"{signed} Open Badges signed now.",
        "  Check one at /certificates/verify/ (codes are in the admin under Certificates); "
        "badges verify with /.well-known/jwks.json and /certificates/status/revocation/.",
    ]


def seed_signatory():
    site = default_site_settings()
    if site.pk and not site.certificate_signatory_name:
        site.certificate_signatory_name = "Dr Sarah Okonjo"
        site.certificate_signatory_title = "Consultant Liaison Psychiatrist, Course Director"
        site.save()
    if site.pk and not site.certificate_trust_name:
        site.certificate_trust_name, site.certificate_university_name = ISSUERS
        site.save()


def seed_course_codes():
    for slug, code in COURSE_CODES.items():
        CoursePage.objects.filter(slug=slug, course_code="").update(course_code=code)


def confirmed(cohort):
    return Place.objects.filter(cohort=cohort, status=PlaceStatus.CONFIRMED).order_by("pk")


def keep_registers(cohort, now):
    """Everyone present at every session held, but for the demo's stories."""
    places = list(confirmed(cohort))
    for number, session in enumerate(cohort.sessions.filter(ends_at__lte=now), 1):
        marks = {place.pk: mark(place, number) for place in places}
        if marks:
            record_attendance(session=session, marks=marks, now=session.ends_at)


def mark(place, number):
    if place.attendee_name in SUMMER_NO_SHOWS:
        return ("absent", None)
    if place.attendee_name == ATTENDANCE_ONLY and number in (3, 5):
        return ("absent", None)
    if place.attendee_name == LATE and number == 2:
        return ("late", 240)
    return ("present", None)


def finish_course(place):
    """Give the learner an account, pass their quizzes (the certificate follows), or issue
    the attendance certificate of the one who came to three days."""
    user = account_for(place)
    name_regulator(user, place)
    if place.attendee_name == ATTENDANCE_ONLY:
        issue_certificate(place.pk)
        return
    modules = ModulePage.objects.child_of(place.cohort.course).live().count()
    take_quizzes(user, place.cohort, [(index, "pass") for index in range(modules)])
    # The quiz signal queues the same issue after this seed's transaction commits; issuing
    # here as well lets the revoked story and the report see the certificate (it is idempotent).
    issue_if_due(place.pk)


def account_for(place):
    """The attendee's account, made and linked as signing up with the booked address does."""
    if place.attendee_id:
        return place.attendee
    user = User.objects.filter(email=place.attendee_email).first()
    if user is None:
        first, _, last = place.attendee_name.rpartition(" ")
        user = User.objects.create_user(
            email=place.attendee_email, password=demo_password(), first_name=first, last_name=last
        )
    address, _ = EmailAddress.objects.update_or_create(
        user=user, email=place.attendee_email, defaults={"verified": True, "primary": True}
    )
    claim_places(None, address)
    place.refresh_from_db()
    return user


def name_regulator(user, place):
    if not user.registration_body and place.profession in REGULATOR:
        user.registration_body = REGULATOR[place.profession]
        user.save(update_fields=["registration_body"])


def sign_badges():
    """Badges for versions issued before badges existed (the issue task signs the others)."""
    unsigned = CertificateVersion.objects.filter(badge_jwt="")
    for version in unsigned:
        ensure_badge(version)
    return len(unsigned)


def revoke_one():
    certificate = Certificate.objects.filter(
        place__attendee_name=REVOKED, place__cohort__title="Autumn"
    ).first()
    if certificate is None or certificate.status == CertificateStatus.REVOKED:
        return 0
    revoke_certificate(
        certificate.pk,
        reason=StatusReason.ISSUED_IN_ERROR,
        note="Day 3 was marked present by mistake: the register was corrected.",
    )
    return 1


def ask_for_correction():
    """Rachel asks for her name as the NMC register has it (once: one may wait at a time)."""
    name, corrected = CORRECTION
    certificate = Certificate.objects.filter(
        place__attendee_name=name, place__cohort__title="Autumn", status=CertificateStatus.VALID
    ).first()
    if certificate is None or certificate.name_corrections.exists():
        return
    request_correction(
        certificate,
        user=certificate.place.attendee,
        name=corrected,
        note="My NMC registration shows my middle initial.",
    )
