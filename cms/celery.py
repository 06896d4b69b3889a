"""The Celery app. Eager (in-process) when CELERY_BROKER_URL is unset, as in the demo."""

import logging
import os

from celery import Celery
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("mhskills")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


class RetryingTask(app.Task):
    """Base for tasks that talk to the outside world: retried with backoff, then given up."""

    autoretry_for = (ConnectionError, TimeoutError, OSError)
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5
    acks_late = True
    reject_on_worker_lost = True


def delay_on_commit(task, *args):
    """Queue `task` once the current transaction commits. The work it follows has committed
    by then, so a broker that is down (Celery has already retried the publish) must not turn
    it into an error page or a webhook failure: the failure is logged, and the task's own
    beat sweep finds what was never sent and queues it again."""
    from django.db import transaction

    def publish():
        try:
            task.delay(*args)
        except OperationalError:
            # Ids only: some tasks carry a name or an email, which must not reach the logs.
            ids = [arg if isinstance(arg, int) else "…" for arg in args]
            logger.exception("Could not queue %s%r: the broker is unreachable", task.name, ids)

    transaction.on_commit(publish)
