"""The workspace's Progress tab: learners × modules with best quiz scores, attendance, hours
and what each still needs, on screen and as CSV, for the cohort's trainers only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.groups import sync_groups
from tests.certificates.conftest import attend, done, pass_quiz
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(cohort):
    sync_groups()
    user = UserFactory(email="trainer@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Trainers"))
    TOTPAuthenticatorFactory(user=user)
    cohort.trainers.add(TrainerFactory(user=user))
    return user


@pytest.fixture
def ben(cohort, sessions, modules, quizzes):
    """Ben came to two sessions, failed the Depression quiz then scored 50% on a retry."""
    place = place_on(cohort, UserFactory(first_name="Ben", last_name="Hughes"))
    attend(place, sessions[:2])
    pass_quiz(place, modules[0], quizzes[0], passed=False)
    attempt = pass_quiz(place, modules[0], quizzes[0], passed=False, number=2)
    attempt.marks = 1
    attempt.save()
    return place


def test_the_matrix_shows_scores_hours_and_what_is_missing(
    client, trainer, cohort, completed, ben, modules
):
    client.force_login(trainer)
    page = client.get(reverse("certificates_progress", args=[cohort.pk])).content.decode()
    amara, bens = page.split("Amara Okafor")[1], page.split("Ben Hughes")[1]
    assert "Ready for a certificate of completion" in amara.split("</tr>")[0]
    assert "Quiz 100%" in amara.split("</tr>")[0]
    ben_row = bens.split("</tr>")[0]
    assert "Quiz 50%" in ben_row and "2 of 5" in ben_row
    assert "pass the Risk quiz" in ben_row and "Depression" in ben_row
    assert "A certificate of attendance can be issued" in ben_row
    assert 'aria-current="page">Progress' in page


def test_the_csv_has_a_column_per_module_and_a_row_per_learner(
    client, trainer, cohort, completed, ben, modules
):
    client.force_login(trainer)
    response = client.get(reverse("certificates_progress_csv", args=[cohort.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, amara, ben_row = rows
    assert header[2:4] == ["Depression: done", "Depression: best quiz score (%)"]
    assert amara[0] == "Amara Okafor" and amara[2:4] == ["yes", "100"]
    assert ben_row[0] == "Ben Hughes" and ben_row[2:4] == ["no", "50"]
    assert amara[-2] == "Certificate of completion"
    assert ben_row[-2] == "Certificate of attendance"  # the cohort is over and he came
    assert "pass the Risk quiz" in ben_row[-1]


def test_a_name_cannot_smuggle_a_formula_into_the_csv(client, trainer, cohort, modules):
    place_on(cohort, UserFactory(first_name="=HYPERLINK(1)", last_name="x"))
    client.force_login(trainer)
    response = client.get(reverse("certificates_progress_csv", args=[cohort.pk]))
    assert "'=HYPERLINK(1) x" in b"".join(response.streaming_content).decode()


def test_only_the_cohorts_trainers_and_managers_see_it(client, trainer, cohort, place):
    other = CohortFactory(course=cohort.course)
    other.trainers.add(TrainerFactory())
    client.force_login(trainer)
    for name in ("certificates_progress", "certificates_progress_csv"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    client.force_login(place.attendee)
    for name in ("certificates_progress", "certificates_progress_csv"):
        assert client.get(reverse(name, args=[cohort.pk])).status_code in (302, 403)


@pytest.mark.parametrize("n", [1, 10])
def test_a_fixed_number_of_queries(
    client, trainer, cohort, sessions, modules, quizzes, django_assert_max_num_queries, n
):
    for _ in range(n):
        place = place_on(cohort, UserFactory())
        attend(place, sessions[:3])
        pass_quiz(place, modules[0], quizzes[0])
        done(place, modules[0])
    client.force_login(trainer)
    url = reverse("certificates_progress", args=[cohort.pk])
    client.get(url)
    # 23 with Wagtail's menu finding the trainer's course pages; the same at 1 and 10 learners.
    with django_assert_max_num_queries(23):
        assert client.get(url).status_code == 200
