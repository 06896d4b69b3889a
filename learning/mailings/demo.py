"""Demo messages: each running cohort's trainer sent the joining instructions to everyone
with a place, so the Messages history has something true to show. Idempotent."""

from courses.models import Cohort
from learning.mailings.models import MessageTemplate
from learning.mailings.services import cohort_learners, create_message, send_pending


def seed():
    template = MessageTemplate.objects.filter(name="Joining instructions").first()
    sent = 0
    for cohort in Cohort.objects.filter(title="Current run").prefetch_related("trainers__user"):
        places = list(cohort_learners(cohort))
        if template is None or not places:
            continue
        trainer = next((t.user for t in cohort.trainers.all() if t.user_id), None)
        message = create_message(
            cohort=cohort,
            template=template,
            subject=template.subject,
            body=template.body,
            place_ids=[p.pk for p in places],
            actor=trainer,
            key=f"demo-joining-instructions-{cohort.pk}",
        )
        send_pending(message.pk)  # now, not after the seed's commit: the history is whole
        sent += message.recipients.count()
    return [f"Messages: the joining instructions went to {sent} learners on the running cohorts."]
