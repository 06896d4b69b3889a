"""Fault: the broker is down when a booking is confirmed. The booking stands (the learner
sees their confirmation, Stripe's webhook is answered 200), and its emails go out once the
broker is back, through the beat sweep that re-queues what never reached it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bookings.models import OrderStatus
from bookings.services.confirm import resend_unsent_confirmations
from bookings.tasks import resend_unsent_confirmations as resend_task
from cms.celery import app as celery_app
from tests.bookings.stripe import checkout, events_for, held_order, post_event
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT_BROKER = "redis://127.0.0.1:9/5"  # nothing listens on port 9: a broker that is down


@pytest.fixture
def broker(settings):
    """Switch Celery from eager to a real broker URL that refuses connections; `up()` brings
    it back (eager again, as the test settings run it)."""

    class Broker:
        saved = None

        def down(self):
            # Fresh connection and producer pools for the dead URL; the ones eager mode built
            # are kept aside and put back, so no later test finds a closed pool.
            self.saved = (celery_app._pool, celery_app.amqp._producer_pool)
            celery_app._pool = celery_app.amqp._producer_pool = None
            celery_app.conf.update(task_always_eager=False, broker_url=CLOSED_PORT_BROKER)

        def up(self):
            celery_app.conf.update(task_always_eager=True, broker_url=settings.CELERY_BROKER_URL)
            if self.saved is not None:
                dead_pool = celery_app._pool
                celery_app._pool, celery_app.amqp._producer_pool = self.saved
                self.saved = None
                if dead_pool is not None:
                    dead_pool.force_close_all()

    broker = Broker()
    yield broker
    broker.up()


def confirmation_emails(order):
    return [m for m in mail.outbox if order.reference in m.subject and "confirmed" in m.subject]


def test_booking_confirmed_while_the_broker_is_down_is_emailed_once_it_is_back(
    client, fake_stripe, site, broker, django_capture_on_commit_callbacks
):
    order = held_order(CohortFactory(capacity=3))
    session_id = checkout(order)
    with fake_stripe.store.lock:
        fake_stripe.store.pay(session_id)
    (event,) = events_for(fake_stripe, session_id, "checkout.session.completed")

    broker.down()
    # Executing the commit callbacks publishes for real, to the dead broker: Celery retries,
    # then kombu raises OperationalError, which must not escape into the webhook's answer.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert post_event(client, event).status_code == 200
    assert callbacks, "the confirmation should have been queued after the commit"
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert order.places.filter(status="confirmed").count() == 1
    assert confirmation_emails(order) == []
    assert not order.events.filter(kind="confirmation_sent").exists()

    # The sweep does not step in while the usual path may still be on its way.
    broker.up()
    assert resend_unsent_confirmations() == 0
    later = timezone.now() + datetime.timedelta(minutes=6)
    assert resend_unsent_confirmations(now=later) == 1
    assert len(confirmation_emails(order)) == 1
    assert order.events.filter(kind="confirmation_sent").count() == 1
    # Sent once: the next sweeps find nothing, and a replayed webhook queues nothing new.
    assert resend_unsent_confirmations(now=later) == 0
    assert resend_task.delay().get() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, event).status_code == 200
    assert len(confirmation_emails(order)) == 1


def test_the_sweep_leaves_old_and_unconfirmed_orders_alone(site):
    pending = held_order(CohortFactory(capacity=3))
    later = timezone.now() + datetime.timedelta(minutes=6)
    assert resend_unsent_confirmations(now=later) == 0
    pending.status, pending.confirmed_at = OrderStatus.CONFIRMED, timezone.now()
    pending.save(update_fields=["status", "confirmed_at"])
    # Older than an outage could last: from before the sweep existed, never emailed now.
    assert resend_unsent_confirmations(now=later + datetime.timedelta(days=3)) == 0
    assert mail.outbox == []
