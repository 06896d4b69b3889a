"""Celery: eager in tests and the demo, safe delivery settings, and one round trip through a
real worker on Redis (CELERY_TEST_BROKER_URL; required on CI)."""

import os
import subprocess
import sys
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from cms import tasks
from cms.celery import RetryingTask
from cms.celery import app as celery_app
from tests.broker import broker_url_or_skip

ROOT = Path(__file__).resolve().parent.parent


def settings_in_subprocess(expression, **env):
    """Evaluate `expression` against cms.settings.test in a fresh process with `env`."""
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    clean_env.update(DJANGO_SETTINGS_MODULE="cms.settings.test", PYTHONPATH=str(ROOT), **env)
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_tasks_are_acknowledged_late_and_requeued_if_the_worker_dies():
    for task in (tasks.ping, tasks.clear_expired_sessions):
        assert isinstance(task, RetryingTask)
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
        assert task.max_retries == 5
        assert ConnectionError in task.autoretry_for
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1


def test_beat_schedule_names_real_tasks():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks


def test_eager_without_a_broker():
    assert settings_in_subprocess("settings.CELERY_TASK_ALWAYS_EAGER") == "True"
    assert settings_in_subprocess("repr(settings.CELERY_BROKER_URL)") == "''"


def test_a_broker_url_turns_eager_off():
    url = "redis://127.0.0.1:6379/15"
    assert settings_in_subprocess("settings.CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL=url) == (
        "False"
    )


@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="CELERY_BROKER_URL is set")
def test_ping_runs_in_process_when_eager():
    assert celery_app.conf.task_always_eager is True
    assert tasks.ping.delay("hello").get(timeout=1) == {"pong": "hello"}


@pytest.mark.django_db
@pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="CELERY_BROKER_URL is set")
def test_clear_expired_sessions_task():
    Session.objects.create(
        session_key="expired", session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    Session.objects.create(
        session_key="current", session_data="", expire_date=timezone.now() + timedelta(days=1)
    )
    tasks.clear_expired_sessions.delay().get(timeout=5)
    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]


@pytest.mark.worker
def test_a_real_worker_runs_ping():
    """Start `celery -A cms worker` on Redis, send cms.tasks.ping by name from a separate
    client app, and get the answer back through the result backend."""
    url = broker_url_or_skip()
    client = Celery("mhskills-test-client", broker=url, backend=url)
    client.conf.update(broker_connection_retry_on_startup=False, broker_connection_max_retries=1)
    client.control.purge()  # nothing left over from an earlier run

    env = {
        **os.environ,
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "cms",
        "worker",
        "--pool=solo",
        "-Q",
        "celery",
        "--loglevel=warning",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"test-{uuid.uuid4().hex[:8]}@%h",
    ]
    token = uuid.uuid4().hex
    result = None
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            result = client.send_task("cms.tasks.ping", args=[token])
            try:
                answer = result.get(timeout=60)  # a worker starts slowly on a busy machine
            except Exception as exc:
                log.seek(0)
                exited = worker.poll()
                pytest.fail(
                    f"no answer from the worker ({type(exc).__name__}: {exc}); "
                    f"worker exit code {exited}; its log:\n{log.read()}"
                )
            assert answer == {"pong": token}
            assert worker.poll() is None, "the worker should still be running"
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=5)
            if result is not None:
                result.forget()
            client.close()
