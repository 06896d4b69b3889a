"""One row per certificate, shaped for each regulator's CPD record.

Only valid certificates are listed: a suspended one is under review and a revoked one no
longer stands, so neither belongs in a record a regulator may audit. Blank columns are the
learner's to fill in (how the learning relates to their own practice, their reflection):
no one else can write them.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from certificates.documents import verify_url
from certificates.models import Certificate, CertificateStatus, CertificateVersion
from cms.models.users import RegistrationBody

# The NMC Code's themes and the standards this platform's courses (recognising and
# responding to mental health needs in physical healthcare) bear on. A suggestion the
# learner checks against their own practice.
NMC_CODE_LINK = (
    "Suggested: Prioritise people (3: make sure people's physical, social and psychological "
    "needs are assessed and responded to); Practise effectively (6: practise in line with "
    "the best available evidence); Preserve safety (13: recognise and work within the limits "
    "of your competence; 17: raise concerns if a person is vulnerable or at risk)"
)


@dataclass(frozen=True)
class Regulator:
    slug: str
    body: str  # the profile's registration_body value
    name: str
    record: str  # what its record is called
    columns: tuple
    notes: tuple  # what the regulator asks for, in a sentence or two each
    prompts: tuple  # questions for the learner's reflection
    row: object  # (Entry) -> list of cells, in `columns` order


@dataclass(frozen=True)
class Entry:
    """What one certificate contributes, read from its current version."""

    certificate: Certificate
    version: CertificateVersion

    @property
    def code(self):
        return self.certificate.code

    @property
    def dates(self):
        v = self.version
        if v.start_date == v.end_date:
            return v.start_date.isoformat()
        return f"{v.start_date.isoformat()} to {v.end_date.isoformat()}"

    @property
    def days(self):
        return ", ".join(day.isoformat() for day in self.version.attended_days)

    @property
    def method(self):
        v = self.version
        parts = []
        if v.participatory_hours:
            parts.append(
                f"Course attendance ({v.delivery.lower()}): live sessions with trainers and "
                "other learners"
            )
        if v.self_directed_hours:
            parts.append("online learning modules done alone")
        return "; ".join(parts) or f"Course ({v.delivery.lower()})"

    @property
    def topic(self):
        v = self.version
        outcomes = "; ".join(v.outcomes)
        return f"{v.course_title}. Learning outcomes: {outcomes}" if outcomes else v.course_title

    @property
    def evidence(self):
        v = self.version
        return f"{v.award}, code {self.code}, issued {v.issued_at:%Y-%m-%d}: {self.url}"

    @property
    def url(self):
        return verify_url(self.certificate)


def nmc_row(entry):
    v = entry.version
    return [
        entry.dates,
        entry.method,
        entry.topic,
        "",  # how it relates to your practice: the learner's to write
        NMC_CODE_LINK,
        v.total_hours,
        v.participatory_hours,
        entry.evidence,
    ]


def gmc_row(entry):
    v = entry.version
    return [
        entry.dates,
        v.course_title,
        f"{v.award} ({v.delivery.lower()})",
        v.provider_name,
        v.total_hours,  # one credit per hour of learning
        "",  # reflection on impact: the learner's to write
        entry.evidence,
    ]


def hcpc_row(entry):
    v = entry.version
    kinds = []
    if v.participatory_hours:
        kinds.append("Formal and educational (course attended)")
    if v.self_directed_hours:
        kinds.append("Self-directed learning (online modules)")
    return [
        entry.dates,
        entry.days,
        v.course_title,
        "; ".join(kinds),
        v.provider_name,
        v.total_hours,
        entry.evidence,
    ]


REGULATORS = {
    "nmc": Regulator(
        slug="nmc",
        body=RegistrationBody.NMC,
        name="Nursing and Midwifery Council (NMC)",
        record="CPD record for NMC revalidation",
        columns=(
            "Dates",
            "Method",
            "Topic",
            "How it relates to your practice",
            "Link to the Code",
            "Number of hours",
            "Number of participatory hours",
            "Evidence",
        ),
        notes=(
            "Revalidation asks for 35 hours of CPD over the three years, at least 20 of them "
            "participatory (learning with other people), and five written reflective "
            "accounts.",
            "Hours at live sessions are participatory; online modules done alone are not.",
        ),
        prompts=(
            "What was the nature of the CPD activity?",
            "What did you learn from it?",
            "How did you change or improve your practice as a result?",
            "How is this relevant to the Code? Prioritise people, practise effectively, "
            "preserve safety, promote professionalism and trust.",
        ),
        row=nmc_row,
    ),
    "gmc": Regulator(
        slug="gmc",
        body=RegistrationBody.GMC,
        name="General Medical Council (GMC)",
        record="CPD record for appraisal and revalidation",
        columns=(
            "Dates",
            "Activity",
            "Type",
            "Provider",
            "CPD credits",
            "Reflection on impact",
            "Evidence",
        ),
        notes=(
            "Credits follow the Academy of Medical Royal Colleges' convention: one credit "
            "for each hour of learning. Your college or faculty sets how many you need.",
            "The GMC looks for reflection on what you learned and its effect on your "
            "practice, not for hours alone.",
        ),
        prompts=(
            "What did you learn?",
            "What have you changed, or will you change, in your practice?",
            "What impact has it had on your patients, your team or your service?",
        ),
        row=gmc_row,
    ),
    "hcpc": Regulator(
        slug="hcpc",
        body=RegistrationBody.HCPC,
        name="Health and Care Professions Council (HCPC)",
        record="CPD record: dated list of activities",
        columns=(
            "Dates",
            "Days attended",
            "Activity",
            "Type of activity",
            "Provider",
            "Hours",
            "Evidence",
        ),
        notes=(
            "The HCPC asks you to keep a continuous, up-to-date and accurate record of your "
            "CPD: a dated list of activities. If you are audited you also explain how your "
            "CPD improved your practice and benefited the people who use your service.",
        ),
        prompts=(
            "How has this learning improved the quality of your practice?",
            "How has it benefited the people who use your service?",
        ),
        row=hcpc_row,
    ),
}


def default_regulator(user):
    """The learner's regulator when their profile names one of these, else None."""
    return next(
        (r for r in REGULATORS.values() if r.body and r.body == user.registration_body), None
    )


def ordered_regulators(user):
    """Theirs first, then the others in the usual order."""
    default = default_regulator(user)
    return sorted(REGULATORS.values(), key=lambda r: r is not default)


def entries(user):
    """The learner's valid certificates, oldest course first, in two queries however many."""
    latest = Prefetch(
        "versions", queryset=CertificateVersion.objects.order_by("-number"), to_attr="latest"
    )
    certificates = Certificate.objects.filter(
        place__attendee=user, status=CertificateStatus.VALID
    ).prefetch_related(latest)
    found = [Entry(certificate=c, version=c.latest[0]) for c in certificates if c.latest]
    return sorted(found, key=lambda e: (e.version.start_date, e.version.course_title))


def rows(regulator, found):
    return [regulator.row(entry) for entry in found]


def totals(found):
    """(all hours, participatory hours) over the entries."""
    return (
        sum((e.version.total_hours for e in found), 0),
        sum((e.version.participatory_hours for e in found), 0),
    )
