"""The seeded demo's exports: every demo learner's own data and nobody else's, in a world
that has team bookings, shared cohorts, invoices, certificates and waiting lists; and the
seeded privacy notice states the retention periods."""

import json

import pytest
from django.conf import settings

from bookings.models import Place
from cms.accounts import export_personal_data
from cms.models import User

pytestmark = pytest.mark.django_db


def test_each_demo_learners_export_names_no_other_attendee(demo):
    """The manager booked places for a team; learners share cohorts. Each export may name
    only its owner among the attendees of the demo."""
    attendees = set(
        Place.objects.exclude(attendee_email="").values_list("attendee_email", flat=True)
    )
    checked = 0
    for user in User.objects.filter(is_staff=False):
        text = json.dumps(export_personal_data(user=user), default=str).lower()
        others = {email for email in attendees if email.lower() != user.email.lower()}
        assert not [email for email in others if email.lower() in text], user.email
        checked += 1
    assert checked > 5


def test_the_seeded_notice_states_the_retention_periods(client, demo):
    html = client.get("/privacy/").content.decode()
    assert f'data-days="{settings.RETENTION_REQUIREMENTS_DAYS}"' in html
    assert 'href="/account/delete/"' in html and "joint data controllers" in html
