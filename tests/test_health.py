"""/healthz: 200 when the database, cache and broker answer; 503 naming what failed.
/healthz/live: the process answers."""

import time

import pytest
from django.test import override_settings

from cms import health
from cms.celery import app as celery_app
from tests.broker import broker_url_or_skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_at():
    """Point the project's Celery app at another broker for one test, then put it back."""
    original = celery_app.conf.broker_url

    def point(url):
        celery_app.conf.broker_url = url

    yield point
    celery_app.conf.broker_url = original


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["ok"] for check in body["checks"].values()), body
    assert body["checks"]["broker"]["detail"] == "eager (no broker)"


def test_database_down_gives_503(client, monkeypatch):
    def database_down():
        raise RuntimeError("could not connect to server")

    monkeypatch.setattr(health, "check_database", database_down)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {
        "ok": False,
        "detail": "RuntimeError: could not connect to server",
    }
    assert body["checks"]["cache"]["ok"] and body["checks"]["broker"]["ok"]


def test_cache_down_gives_503(client, monkeypatch):
    def cache_down():
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(health, "check_cache", cache_down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_unreachable_broker_gives_503_quickly(client, broker_at):
    broker_at("redis://127.0.0.1:1/0")  # nothing listens on port 1
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    broker = response.json()["checks"]["broker"]
    assert broker["ok"] is False
    assert "connect" in broker["detail"].lower()
    assert elapsed < 10, f"the broker check hung for {elapsed:.1f}s"


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_reachable_broker_is_healthy(client, broker_at):
    broker_at(broker_url_or_skip())
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["broker"] == {"ok": True, "detail": "connected"}


def test_only_get(client):
    assert client.post("/healthz").status_code == 405


def test_live_answers_without_touching_anything(client, django_assert_num_queries):
    """/healthz/live: the process answers (and the benchmarks' bare view), no query."""
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
