"""Celery tasks: thin, idempotent wrappers around the services; they carry ids."""

from celery import group

from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def issue_if_due(place_id):
    """Queued by the learning receivers: issue the place's certificate if it is due now.
    Running twice issues once (issue_certificate is idempotent)."""
    from certificates.services import issue_if_due as issue

    certificate = issue(place_id)
    return certificate.pk if certificate else None


@app.task(base=RetryingTask)
def deliver_certificate(version_id):
    """Render and store the version's PDF unless it is stored already, then email it to the
    learner unless it went already; a failure is retried, and the certificate itself is
    never lost (it was committed before)."""
    from certificates.documents import deliver

    deliver(version_id)


@app.task(base=RetryingTask)
def make_badge(version_id):
    """Sign and keep the version's Open Badge (with its status list index) unless it has
    one: ready before the learner asks, and made once however often this runs."""
    from certificates.badges.credential import ensure_badge
    from certificates.models import CertificateVersion

    ensure_badge(CertificateVersion.objects.get(pk=version_id))


@app.task(base=RetryingTask)
def issue_for_batch(place_id, actor_id=None):
    """One place of a bulk issue: its certificate if it is still due when this runs (a place
    cancelled since is skipped, not retried). Running twice issues once."""
    from django.contrib.auth import get_user_model

    from certificates.exceptions import CertificateError
    from certificates.services import issue_certificate

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        return issue_certificate(place_id, actor=actor).pk
    except CertificateError:
        return None  # the batch's progress page counts it as no longer due


def batch_group(batch):
    """A Celery group of one task per place, so that workers issue them side by side."""
    return group(issue_for_batch.s(pk, batch.requested_by_id) for pk in batch.place_ids)
