"""Writing a message to a cohort and sending it, one email per learner, each exactly once."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from learning.exceptions import LearningError
from learning.mailings.models import CohortMessage, MessageRecipient
from learning.mailings.placeholders import fill

NOT_ON_COHORT = "Someone you chose no longer has a place on this cohort. Choose the learners again."
NOBODY = "Choose at least one learner to send the message to."


def cohort_learners(cohort):
    """Those a message can go to: everyone with a confirmed place, by name."""
    return (
        Place.objects.filter(cohort=cohort, status=PlaceStatus.CONFIRMED)
        .select_related("attendee")
        .order_by("attendee_name", "pk")
    )


def create_message(*, cohort, subject, body, place_ids, actor, key, template=None, now=None):
    """The message and its recipients, then (after commit) the task that sends it. The same
    `key` again returns the first message: a double click sends nothing twice."""
    existing = CohortMessage.objects.filter(submission_key=key).first()
    if existing:
        return existing
    if not place_ids:
        raise LearningError(NOBODY)
    places = list(cohort_learners(cohort).filter(pk__in=place_ids))
    if len(places) != len(set(place_ids)):
        raise LearningError(NOT_ON_COHORT)
    try:
        with transaction.atomic():
            message = CohortMessage.objects.create(
                cohort=cohort,
                template=template,
                subject=subject,
                body=body,
                sent_by=actor,
                created_at=now or timezone.now(),
                submission_key=key,
            )
            MessageRecipient.objects.bulk_create(
                MessageRecipient(message=message, place=place) for place in places
            )
            transaction.on_commit(lambda: queue(message.pk))
    except IntegrityError:  # the same key, committed by a concurrent request
        return CohortMessage.objects.get(submission_key=key)
    return message


def queue(message_id):
    from learning.mailings.tasks import send_cohort_message

    send_cohort_message.delay(message_id)


def send_pending(message_id):
    """Email every recipient of the message not emailed yet; returns how many went now."""
    pending = MessageRecipient.objects.filter(message_id=message_id, sent_at__isnull=True)
    return sum(send_one(pk) for pk in pending.values_list("pk", flat=True))


def send_one(recipient_id):
    """The row lock makes two workers (or a retry) take turns; the second finds it sent."""
    with transaction.atomic():
        recipient = (
            # Only the recipient's row: PostgreSQL cannot lock the nullable side of the
            # outer join to the attendee.
            MessageRecipient.objects.select_for_update(of=("self",))
            .select_related("message__cohort__course", "place__attendee", "place__cohort")
            .get(pk=recipient_id)
        )
        if recipient.sent_at:
            return 0
        email(recipient)
        recipient.sent_at = timezone.now()
        recipient.save(update_fields=["sent_at"])
    return 1


def email(recipient):
    message, place = recipient.message, recipient.place
    place.cohort = message.cohort  # already loaded with its course: no query per learner
    context = {"body": fill(message.body, place), "cohort": message.cohort}
    to = place.attendee.email if place.attendee_id else place.attendee_email
    mail = EmailMultiAlternatives(
        fill(message.subject, place),
        render_to_string("learning/email/cohort_message.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [to],
    )
    mail.attach_alternative(
        render_to_string("learning/email/cohort_message.html", context), "text/html"
    )
    mail.send()
