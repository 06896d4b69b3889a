"""A learner's evaluation records in their data export, and their erasure.

Pseudonymised answers are still personal data: erasing the account deletes the learner's
answers (they hang off places, which bookings keeps anonymised for the accounts) and their
consent goes with the user row, so nothing of theirs stays in research.
"""

from learning.evaluation.models import EvaluationResponse, ResearchConsent
from learning.evaluation.pseudonyms import pseudonym


def export_evaluation(sender, user, data, **kwargs):
    consent = ResearchConsent.objects.filter(user=user).first()
    data["research_consent"] = consent and {
        "agreed": consent.agreed,
        "decided_at": consent.decided_at.isoformat(),
        "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
    }
    responses = EvaluationResponse.objects.filter(pseudonym=pseudonym(user.pk)).select_related(
        "cohort__course"
    )
    data["evaluation_answers"] = [
        {
            "course": r.cohort.course.title,
            "cohort_start": r.cohort.start_date.isoformat(),
            "wave": r.get_wave_display(),
            "submitted_at": r.submitted_at.isoformat(),
            "answers": r.answers,
            "scores": r.scores,
        }
        for r in responses
    ]


def erase_evaluation(sender, user, **kwargs):
    # By pseudonym: the answers are keyed by it, not by the account.
    EvaluationResponse.objects.filter(pseudonym=pseudonym(user.pk)).delete()
