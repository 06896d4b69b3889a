"""Celery tasks: thin, idempotent wrappers around services; they carry ids, never objects."""

from bookings.services.expiry import expire_stale_holds
from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def release_expired_holds():
    """Beat, every minute: pending orders past their hold give their places back."""
    return expire_stale_holds()
