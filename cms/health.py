"""The checks behind /healthz: database, cache and Celery broker."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def _check(fn):
    try:
        detail = fn()
        return {"ok": True, "detail": detail}
    except Exception as exc:  # noqa: BLE001 - any failure means "unhealthy", and we say which
        return {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:200]}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager (no broker)"
    from cms.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    return "connected"


def run_checks():
    return {
        "database": _check(check_database),
        "cache": _check(check_cache),
        "broker": _check(check_broker),
    }
