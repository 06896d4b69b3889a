from django.core.management import call_command

from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def clear_expired_sessions():
    call_command("clearsessions")


@app.task(base=RetryingTask)
def ping(value):
    """Round trip used by /healthz-style checks and the real-worker test."""
    return {"pong": value}
