"""Celery task: a thin, idempotent wrapper around the service; it carries an id."""

from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def send_cohort_message(message_id):
    """Email whoever has not had the message yet: running it twice emails nobody twice."""
    from learning.mailings.services import send_pending

    return send_pending(message_id)
