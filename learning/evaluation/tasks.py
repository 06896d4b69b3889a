"""Celery task: a thin, idempotent wrapper around the service."""

from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def send_wave_emails():
    """Beat, hourly: invitations to the last-day and three-month waves as they open, and one
    reminder a week later; each at most once per place, however many runs overlap."""
    from learning.evaluation.invitations import send_due_wave_emails

    return send_due_wave_emails()
