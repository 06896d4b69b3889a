"""Messages to a cohort: from a template, checked before sending, one email per learner, each
sent once whatever double clicks and retries do, with the history of who got what."""

import pytest
from celery.exceptions import Retry
from django.contrib.auth.models import Group
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from bookings.models import PlaceStatus
from cms.groups import sync_groups
from learning.mailings.models import CohortMessage, MessageRecipient, MessageTemplate
from learning.mailings.placeholders import unknown_placeholders
from learning.mailings.services import send_pending
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post as a browser would, with the after-commit work (queueing the emails) run."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def test_only_known_placeholders_may_be_used():
    assert unknown_placeholders("Dear {first_name}, see {my_learning_url}") == []
    assert unknown_placeholders("Dear {name} on {course} {ward}") == ["{name}", "{ward}"]
    assert unknown_placeholders("A lone { brace") == ["a lone { or }"]


@pytest.fixture
def trainer(cohort, trainer_user):
    sync_groups()
    trainer_user.is_staff = True
    trainer_user.save()
    trainer_user.groups.add(Group.objects.get(name="Trainers"))
    TOTPAuthenticatorFactory(user=trainer_user)
    return trainer_user


@pytest.fixture
def learners(cohort):
    people = [("Amara", "Okafor"), ("Ben", "Hughes"), ("Chloe", "Price")]
    places = []
    for first, last in people:
        user = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}@nhs.test")
        places.append(place_on(cohort, user))
    return places


@pytest.fixture
def template(db):
    return MessageTemplate.objects.get_or_create(
        name="Joining instructions",
        defaults={
            "subject": "Joining instructions: {course}, {dates}",
            "body": "Dear {first_name},\n\nWhere: {venue}\n{my_learning_url}",
        },
    )[0]


def new_url(cohort, template=None):
    url = reverse("learning_messages_new", args=[cohort.pk])
    return f"{url}?template={template.pk}" if template else url


def form_data(client, cohort, template=None, **changes):
    form = client.get(new_url(cohort, template)).context["form"]
    data = {
        "key": form["key"].initial,
        "subject": form["subject"].initial or "A message",
        "body": form["body"].initial or "Hello {first_name}",
        "send_to": "everyone",
    }
    return data | changes


def test_a_trainer_checks_then_sends_a_template_to_the_whole_cohort(
    client, post, trainer, cohort, learners, template, mailoutbox
):
    client.force_login(trainer)
    data = form_data(client, cohort, template)
    check = client.post(new_url(cohort, template), data)
    page = check.content.decode()
    assert "This will email 3 learners" in page
    assert "Dear Amara" in page and f"Joining instructions: {cohort.course.title}" in page
    assert mailoutbox == []  # nothing goes before the confirmation

    sent = post(new_url(cohort, template), data | {"confirm": "1"})
    message = CohortMessage.objects.get()
    assert sent.url == reverse("learning_messages_detail", args=[cohort.pk, message.pk])
    assert sorted(m.to[0] for m in mailoutbox) == [
        "amara@nhs.test",
        "ben@nhs.test",
        "chloe@nhs.test",
    ]
    ben = next(m for m in mailoutbox if m.to == ["ben@nhs.test"])
    assert ben.body.startswith("Dear Ben,") and "/account/learning/" in ben.body
    assert ben.alternatives[0][0].startswith("<!doctype html>")
    assert message.template == template and message.sent_by == trainer
    assert MessageRecipient.objects.filter(sent_at__isnull=False).count() == 3
    history = client.get(reverse("learning_messages_cohort", args=[cohort.pk])).content.decode()
    assert "3 of 3" in history
    detail = client.get(sent.url).content.decode()
    assert "Ben Hughes" in detail and "Waiting to be sent" not in detail


def test_a_double_click_sends_one_message(client, post, trainer, cohort, learners, mailoutbox):
    client.force_login(trainer)
    data = form_data(client, cohort) | {"confirm": "1"}
    post(new_url(cohort), data)
    post(new_url(cohort), data)
    assert CohortMessage.objects.count() == 1
    assert len(mailoutbox) == 3


def test_chosen_learners_only(client, post, trainer, cohort, learners, mailoutbox):
    client.force_login(trainer)
    chosen = {"send_to": "chosen", "learners": [str(learners[1].pk)], "confirm": "1"}
    post(new_url(cohort), form_data(client, cohort, **chosen))
    assert [m.to for m in mailoutbox] == [["ben@nhs.test"]]


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"send_to": "chosen"}, "id_learners_0", "Choose at least one learner"),
        ({"body": "Dear {name}"}, "id_body", "Remove or correct {name}"),
        ({"subject": ""}, "id_subject", "Enter a subject for the email"),
    ],
)
def test_mistakes_are_explained_and_linked_and_nothing_is_sent(
    client, trainer, cohort, learners, mailoutbox, changes, field, error
):
    client.force_login(trainer)
    data = form_data(client, cohort, **changes) | {"confirm": "1"}
    page = client.post(new_url(cohort), data).content.decode()
    assert "The message was not sent" in page and error in page
    assert f'href="#{field}"' in page
    assert not CohortMessage.objects.exists() and mailoutbox == []


def test_a_place_cancelled_after_the_check_is_refused_clearly(
    client, trainer, cohort, learners, mailoutbox
):
    client.force_login(trainer)
    data = form_data(client, cohort, send_to="chosen", learners=[str(learners[0].pk)])
    learners[0].status = PlaceStatus.CANCELLED
    learners[0].save()
    page = client.post(new_url(cohort), data | {"confirm": "1"}).content.decode()
    assert "Choose at least one learner" in page or "no longer has a place" in page
    assert mailoutbox == []


def test_a_failed_email_is_sent_by_the_retry_and_nobody_gets_two(
    cohort, learners, trainer, client, post, mailoutbox, monkeypatch
):
    send = EmailBackend.send_messages
    calls = []

    def fail_second(self, messages):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("SMTP connection dropped")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fail_second)
    client.force_login(trainer)
    with pytest.raises(Retry):  # eager Celery: the task's retry surfaces in the request
        post(new_url(cohort), form_data(client, cohort) | {"confirm": "1"})
    message = CohortMessage.objects.get()
    assert len(mailoutbox) == 1
    assert send_pending(message.pk) == 2  # the retry sends the other two
    assert send_pending(message.pk) == 0
    assert sorted(m.to[0] for m in mailoutbox) == [
        "amara@nhs.test",
        "ben@nhs.test",
        "chloe@nhs.test",
    ]


def test_a_trainer_reaches_only_their_cohorts_and_learners_none(client, trainer, cohort, learners):
    other = CohortFactory(course=cohort.course, title="Another run")
    other.trainers.add(TrainerFactory())
    client.force_login(trainer)
    listing = client.get(reverse("learning_my_cohorts")).content.decode()
    assert str(cohort) in listing and "Another run" not in listing
    assert client.get(new_url(other)).status_code == 404
    assert client.get(reverse("learning_messages_cohort", args=[other.pk])).status_code == 404
    client.force_login(learners[0].attendee)
    assert client.get(new_url(cohort)).status_code in (302, 403)
    assert client.get(reverse("learning_my_cohorts")).status_code in (302, 403)


@pytest.mark.parametrize("n", [1, 10])
def test_the_screens_read_a_fixed_number_of_queries(
    client, post, trainer, cohort, django_assert_max_num_queries, n
):
    for _ in range(n):
        place_on(cohort, UserFactory())
    client.force_login(trainer)
    post(new_url(cohort), form_data(client, cohort) | {"confirm": "1"})
    message = CohortMessage.objects.get()
    for url in (
        new_url(cohort),
        reverse("learning_messages_cohort", args=[cohort.pk]),
        reverse("learning_messages_detail", args=[cohort.pk, message.pk]),
    ):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
