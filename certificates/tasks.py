"""Celery tasks: thin, idempotent wrappers around the services; they carry ids."""

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
