"""The research export in the Wagtail admin: consenting learners only, pseudonymised (no
name, email, organisation or free text anywhere in it, searched for every demo learner),
small cells grouped as "other", a withdrawal honoured from the next export on, a data
dictionary for every column, and only staff with the Research permission may see it.

Scenario (factories): a 5-day cohort starting in ten days, asking confidence and a knowledge
test before the course. Five nurses and two doctors said yes to research and answered; a
pharmacist said no and answered too.
"""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from bookings.models import Place
from cms.groups import sync_groups
from learning.evaluation import services
from learning.evaluation.models import Instrument
from learning.evaluation.pseudonyms import pseudonym
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import before_answers, course_evaluation

pytestmark = pytest.mark.django_db
PAGE = reverse("learning_research_export")
CSV = reverse("learning_research_export_csv")
DICTIONARY = reverse("learning_research_dictionary_csv")


def answer(cohort, user, profession, agreed=True, **scores):
    place = place_on(cohort, user)
    Place.objects.filter(pk=place.pk).update(profession=profession, organisation_name="Trust X")
    services.record_consent(user=user, agreed=agreed)
    services.submit_wave(
        user=user, place_id=place.pk, wave="before", answers=before_answers(**scores)
    )
    return place


@pytest.fixture
def cohort(course):
    course_evaluation(course)
    return CohortFactory(course=course, start_date=timezone.localdate() + datetime.timedelta(10))


@pytest.fixture
def learners(cohort, user):
    """{name: user}: Amara (`user`) and four more nurses, two doctors, and Peter, who said no."""
    found = {"Amara": user}
    answer(cohort, user, "nurse", confidence=(2, 3), knowledge=(1, 2))
    for name, profession in [
        ("Bola", "nurse"),
        ("Cara", "nurse"),
        ("Dev", "nurse"),
        ("Eli", "nurse"),
        ("Femi", "doctor"),
        ("Gus", "doctor"),
    ]:
        found[name] = UserFactory(first_name=name, email=f"{name.lower()}@example.com")
        answer(cohort, found[name], profession)
    found["Peter"] = UserFactory(first_name="Peter", email="peter@example.com")
    answer(cohort, found["Peter"], "pharmacist", agreed=False)
    return found


def staff(client, group=None):
    sync_groups()
    user = UserFactory(email=f"{group or 'plain'}-staff@example.com", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return user


def download(client, url=CSV):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_only_consenting_learners_are_exported_under_their_pseudonym(client, learners):
    staff(client, "Research")
    found = list(csv.DictReader(io.StringIO(download(client))))
    consenting = {pseudonym(u.pk) for name, u in learners.items() if name != "Peter"}
    assert {row["pseudonym"] for row in found} == consenting
    assert {row["wave"] for row in found} == {"before"}


def test_item_scores_and_the_knowledge_score(client, learners):
    staff(client, "Research")
    amara = pseudonym(learners["Amara"].pk)
    mine = [r for r in csv.DictReader(io.StringIO(download(client))) if r["pseudonym"] == amara]
    confidence = [r for r in mine if r["instrument_kind"] == "confidence"]
    knowledge = [r for r in mine if r["instrument_kind"] == "knowledge"]
    assert [r["value"] for r in confidence] == ["2", "3"]
    assert {r["instrument_score"] for r in confidence} == {"2.5"}
    # Form A: the first answer (choice 1) is right, the second (choice 2) is right too.
    assert [(r["value"], r["item_score"]) for r in knowledge] == [("1", "1"), ("2", "1")]
    assert {r["knowledge_score"] for r in mine} == {"2"}
    assert {r["knowledge_form"] for r in mine} == {"A"}


def test_a_profession_with_fewer_than_five_learners_in_the_cohort_is_other(client, learners):
    staff(client, "Research")
    found = list(csv.DictReader(io.StringIO(download(client))))
    profession = {r["pseudonym"]: r["profession"] for r in found}
    assert profession[pseudonym(learners["Amara"].pk)] == "nurse"
    assert profession[pseudonym(learners["Femi"].pk)] == "other"
    assert set(profession.values()) == {"nurse", "other"}


def test_a_withdrawal_removes_the_learner_from_later_exports(client, learners):
    staff(client, "Research")
    eli = pseudonym(learners["Eli"].pk)
    assert eli in download(client)
    services.record_consent(user=learners["Eli"], agreed=False)
    after = download(client)
    assert eli not in after
    # Four nurses are left: too few to name their profession.
    assert ",nurse," not in after


def test_the_data_dictionary_describes_every_column(client, learners):
    staff(client, "Research")
    header = download(client).splitlines()[0].split(",")
    described = list(csv.DictReader(io.StringIO(download(client, DICTIONARY))))
    assert [row["column"] for row in described] == header
    assert all(len(row["meaning"]) > 20 for row in described)
    page = client.get(PAGE).content.decode()
    assert all(f"<code>{column}</code>" in page for column in header)
    assert "7 sets of answers from 7 learners" in page


def test_staff_without_the_research_permission_get_403_and_no_menu_item(client, cohort, learners):
    trainer = staff(client, "Trainers")
    cohort.trainers.add(TrainerFactory(user=trainer))
    for url in (PAGE, CSV, DICTIONARY):
        response = client.get(url)
        assert response.status_code == 403
        assert "You need the Research permission" in response.content.decode()
    assert "Research export" not in client.get(reverse("wagtailadmin_home")).content.decode()
    staff(client, "Research")
    assert "Research export" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_learner_cannot_reach_it(client, learners):
    client.force_login(learners["Amara"])
    for url in (PAGE, CSV, DICTIONARY):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "pseudonym" not in response.content.decode()


def test_instrument_wording_cannot_run_as_a_spreadsheet_formula(client, learners):
    confidence = Instrument.objects.get(kind="confidence")
    confidence.name = "=HYPERLINK(1)"
    confidence.save()
    staff(client, "Research")
    assert ",'=HYPERLINK(1)," in download(client)


def test_the_consent_page_says_in_plain_words_what_a_withdrawal_does(client, learners):
    client.force_login(learners["Eli"])
    page = client.get(reverse("learning:research_consent")).content.decode()
    assert "If you change your mind" in page
    assert "from that moment on, including answers you gave before" in page
    client.post(reverse("learning:research_consent"), {"agreed": "no"})
    page = client.get(reverse("learning:research_consent")).content.decode()
    assert "Your choice now: <strong>no</strong>" in page
    assert "left out of research and audit since then" in page
