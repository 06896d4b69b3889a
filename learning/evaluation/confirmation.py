"""The pre-course wave's link in a place's booking confirmation (registered with bookings'
confirmation extras from learning's AppConfig.ready(): bookings cannot import learning)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from bookings.confirmation_extras import ConfirmationExtra
from learning.evaluation import waves
from learning.evaluation.models import EvaluationResponse, Wave, WaveInstrument


def before_wave_extra(place):
    """The link to the questions before the course, while the course asks them and they are
    open and unanswered; otherwise None."""
    cohort = place.cohort
    window = waves.window(cohort, Wave.BEFORE)
    if window.status(timezone.localdate()) != waves.Status.OPEN:
        return None
    asked = WaveInstrument.objects.filter(evaluation__course_id=cohort.course_id, wave=Wave.BEFORE)
    answered = EvaluationResponse.objects.filter(place=place, wave=Wave.BEFORE)
    if not asked.exists() or answered.exists():
        return None
    url = reverse("learning:evaluation_wave", args=[place.pk, Wave.BEFORE])
    return ConfirmationExtra(
        heading="Before the course: answer a few questions",
        text=(
            "Please tell us how confident you feel now in the skills the course teaches, "
            f"before {date_format(window.closes_on, 'j F Y')}, so that we can see what the "
            "course changes. Sign in with the email address this place is booked for "
            "(create your account with it first if you have none)."
        ),
        link_text="Answer the questions before the course",
        url=settings.SITE_URL + url,
    )
