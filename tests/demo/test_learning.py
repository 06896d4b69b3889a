"""The demo modules: both courses get the eight topics, the resource file sits in the private
collection, and the demo learner on each running cohort has modules done, open and to come.
Seeding twice changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.models import User
from learning import demo as learning_demo
from learning.models import CohortMaterial, CohortMessage, ModulePage, ModuleProgress
from learning.selectors import learning_dashboard

pytestmark = pytest.mark.django_db


def test_demo_modules_and_the_learners_progress(demo, fake_stripe):
    assert ModulePage.objects.live().count() == 16
    learner = User.objects.get(email="learner@example.com")
    running = [c for c in learning_dashboard(learner) if c.cohort.title == "Current run"]
    assert len(running) == 2
    for item in running:
        states = {(m.done, m.is_open) for m in item.modules}
        assert states == {(True, True), (False, True), (False, False)}
    phq9 = ModulePage.objects.filter(slug="depression-and-the-phq-9").first()
    client = Client()
    client.force_login(learner)
    html = client.get(phq9.url).content.decode()
    assert "Item 9 must always be followed up" in html and "moderately severe" in html

    for item in running:  # the first day's handout and the reading list, each downloadable
        assert [m.title for m in item.materials] == [
            "Day 1 handout: screening for depression and anxiety",
            "Reading list for the course",
        ]
        handout = client.get(
            reverse("learning:material", args=[item.cohort.pk, item.materials[0].pk])
        )
        assert b"".join(handout.streaming_content).startswith(b"%PDF-")

    for item in running:  # the trainer sent the joining instructions to everyone
        message = CohortMessage.objects.get(cohort=item.cohort)
        assert message.subject.startswith("Joining instructions")
        assert message.recipients.filter(sent_at__isnull=True).count() == 0

    learning_demo.seed()
    assert ModulePage.objects.count() == 16
    assert CohortMaterial.objects.count() == 4
    assert CohortMessage.objects.count() == 2
    assert ModuleProgress.objects.filter(user=learner).count() == 4  # others: demo quizzes
