"""A learner's notes and progress are in their own data export, and go with their account."""

import json

import pytest
from django.urls import reverse

from cms.accounts import erase_account
from learning.models import ModuleProgress, ReflectionNote

pytestmark = pytest.mark.django_db


def test_notes_and_progress_in_the_export_and_erased_with_the_account(
    client, learner, other_user, cohort, modules
):
    ReflectionNote.objects.create(user=learner, module=modules[0], text="Mine to keep")
    ReflectionNote.objects.create(user=other_user, module=modules[0], text="Bert's")
    ModuleProgress.objects.create(
        user=learner, module=modules[0], cohort=cohort, done_at="2026-01-05T10:00:00Z"
    )
    client.force_login(learner)
    data = json.loads(client.get(reverse("account_data_export")).content)
    assert [n["text"] for n in data["reflection_notes"]] == ["Mine to keep"]
    assert data["module_progress"][0]["module"] == modules[0].title

    erase_account(user=learner)
    assert list(ReflectionNote.objects.values_list("text", flat=True)) == ["Bert's"]
    assert not ModuleProgress.objects.exists()
