"""The research export of the seeded demo names nobody: every demo learner's name, email and
organisation is searched for in it."""

import pytest

from bookings.models import Organisation, Place
from cms.models import User
from tests.learning.test_research_export import download, staff

pytestmark = pytest.mark.django_db


def test_the_demo_export_names_nobody(client, demo):
    staff(client, "Research")
    exported = download(client)
    assert exported.count("\n") > 100  # the demo's answers are there
    personal = set()
    for user in User.objects.all():
        personal |= {user.email, user.get_full_name(), user.last_name}
    for place in Place.objects.all():
        personal |= {place.attendee_name, place.attendee_email, place.organisation_name}
    personal |= set(Organisation.objects.values_list("name", flat=True))
    personal = {value for value in personal if value and len(value) > 3}
    assert len(personal) > 20
    leaks = sorted(value for value in personal if value.lower() in exported.lower())
    assert leaks == []
