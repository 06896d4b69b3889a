"""Module pages through the test client: who sees what, previous/next, mark as done,
private reflection notes and resource downloads."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from learning.models import ModulePage, ModuleProgress, ReflectionNote
from tests.factories.courses import CourseIndexPageFactory
from tests.factories.learning import ModulePageFactory, place_on, private_document

pytestmark = pytest.mark.django_db


def done_url(module):
    return reverse("learning:mark_done", args=[module.pk])


def note_url(module):
    return reverse("learning:save_reflection", args=[module.pk])


def test_modules_live_only_under_a_course(course, site):
    assert ModulePage.can_create_at(course)
    assert not ModulePage.can_create_at(site)
    assert not ModulePage.can_create_at(CourseIndexPageFactory(parent=site, slug="x"))


def test_a_learner_reads_an_open_module_with_previous_and_next(client, learner, modules):
    client.force_login(learner)
    response = client.get(modules[1].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Module 2 of 3" in html and "The PHQ-9 scores 0 to 27." in html
    assert modules[0].url in html and modules[2].url in html  # previous and next
    assert "Mark as done" in html and "When did you last ask about mood?" in html
    index = modules[1].get_parent().get_parent()
    crumbs = html[html.find('class="nhsuk-breadcrumb__list"') :].split("</ol>")[0]
    assert all(f'href="{p.url}">{p.title}<' in crumbs for p in (index, modules[1].get_parent()))
    assert 'href="/">Home<' in crumbs and crumbs.find(index.title) < crumbs.find("5-day course")


@pytest.mark.parametrize(
    "who, says",
    [
        ("anonymous", "Sign in"),
        ("other_user", "no confirmed place on this course"),
    ],
)
def test_others_get_a_page_that_says_why_and_how_to_book(client, request, modules, who, says):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(modules[0].url)
    assert response.status_code == 403
    html = response.content.decode()
    assert says in html and "See dates and book" in html
    assert modules[0].get_parent().url + "#dates" in html
    assert "The PHQ-9 scores" not in html


def test_before_release_the_page_gives_the_date(client, learner, cohort, modules):
    client.force_login(learner)
    response = client.get(modules[2].url)
    assert response.status_code == 403
    opens = modules[2].release_date(cohort)
    assert f"opens on <strong>{opens:%A} {opens.day} {opens:%B %Y}" in response.content.decode()


def test_mark_as_done_is_idempotent(client, learner, cohort, modules):
    client.force_login(learner)
    assert client.get(done_url(modules[0])).status_code == 405
    response = client.post(done_url(modules[0]), follow=True)
    assert "is marked as done" in response.content.decode()
    first = ModuleProgress.objects.get(user=learner, module=modules[0], cohort=cohort)
    client.post(done_url(modules[0]))
    assert ModuleProgress.objects.get().done_at == first.done_at


def test_a_module_not_yet_open_cannot_be_marked_done(client, learner, modules):
    client.force_login(learner)
    assert client.post(done_url(modules[2])).status_code == 403
    assert not ModuleProgress.objects.exists()


def test_a_trainer_reads_but_records_no_progress(client, trainer_user, cohort, modules):
    client.force_login(trainer_user)
    response = client.get(modules[2].url)
    assert response.status_code == 200 and "Mark as done" not in response.content.decode()
    response = client.post(done_url(modules[2]), follow=True)
    assert "Only learners with a place" in response.content.decode()
    assert not ModuleProgress.objects.exists()


def test_a_reflection_note_is_saved_as_typed_and_shown_only_to_its_author(
    client, learner, other_user, cohort, modules
):
    typed = "  Ask Mrs B about item 9 <b>today</b>.\n\nThen call liaison.  "
    client.force_login(learner)
    client.post(note_url(modules[0]), {"text": typed})
    assert ReflectionNote.objects.get(user=learner).text == typed
    assert (
        "Ask Mrs B about item 9 &lt;b&gt;today&lt;/b&gt;"
        in client.get(modules[0].url).content.decode()
    )

    # Another learner on the same cohort sees an empty box, and saving writes their own note.
    place_on(cohort, other_user)
    client.force_login(other_user)
    assert "Ask Mrs B" not in client.get(modules[0].url).content.decode()
    client.post(note_url(modules[0]), {"text": "Mine"})
    assert ReflectionNote.objects.get(user=learner).text == typed
    assert ReflectionNote.objects.get(user=other_user).text == "Mine"


def test_notes_are_not_shown_to_trainers_or_staff(client, learner, trainer_user, totp, modules):
    """Not in this step, at least: trainers see progress, never the notes themselves."""
    ReflectionNote.objects.create(user=learner, module=modules[0], text="Private thought")
    for reader in (trainer_user, totp.user):  # staff, with their authenticator set up
        client.force_login(reader)
        response = client.get(modules[0].url)
        assert response.status_code == 200
        assert "Private thought" not in response.content.decode()


def test_no_note_on_a_module_the_user_cannot_open(client, other_user, modules):
    client.force_login(other_user)
    assert client.post(note_url(modules[0]), {"text": "x"}).status_code == 403
    assert not ReflectionNote.objects.exists()


@pytest.fixture
def resource_module(course):
    document = private_document()
    module = ModulePageFactory(
        parent=course,
        slug="with-resources",
        body=[{"type": "resources", "value": {"heading": "Files", "documents": [document.pk]}}],
    )
    return module, document


def test_resources_download_for_learners_only(client, learner, other_user, resource_module):
    module, document = resource_module
    url = reverse("learning:resource", args=[module.pk, document.pk])
    client.force_login(learner)
    assert url in client.get(module.url).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"PHQ-9 bands: 5, 10, 15, 20."
    # Not from Wagtail's public documents URL, not for someone without a place.
    assert client.get(document.url).status_code == 403
    client.force_login(other_user)
    assert client.get(url).status_code == 403


def test_only_the_modules_own_files_are_served(client, learner, modules, resource_module):
    _, document = resource_module
    client.force_login(learner)
    url = reverse("learning:resource", args=[modules[0].pk, document.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("siblings", [3, 30])
def test_a_module_page_runs_a_fixed_number_of_queries(
    client, learner, course, modules, django_assert_max_num_queries, siblings
):
    for n in range(siblings - len(modules)):
        ModulePageFactory(parent=course, release_offset_days=n % 5)
    client.force_login(learner)
    client.get(modules[1].url)  # warm the site root cache, as a running site has
    with django_assert_max_num_queries(12):  # issue 11's budget
        assert client.get(modules[1].url).status_code == 200


def editor_request(rf, user):
    """A GET as Wagtail's preview makes it: the editor's session and messages."""
    request = rf.get("/")
    request.user, request.session = user, SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_draft_module_previews_for_its_editors(rf, totp, course, modules):
    """Wagtail's preview serves the unpublished page: it is not among the live siblings."""
    draft = ModulePageFactory(parent=course, title="Draft module", live=False)
    request = editor_request(rf, totp.user)
    response = draft.serve_preview(request, draft.default_preview_mode)
    response.render()
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "Module 4 of 4" in html, html[html.find("<main") :][:600]


def test_a_new_module_previews_before_it_is_saved(rf, totp, course):
    document = private_document()
    new = ModulePageFactory.build(
        title="Unsaved module",
        body=[{"type": "resources", "value": {"heading": "Files", "documents": [document.pk]}}],
    )
    # As Wagtail's create-preview does: a plausible place in the tree, no row yet.
    new.depth, new.path = course.depth + 1, course.path + "ZZZZ"
    request = editor_request(rf, totp.user)
    response = new.serve_preview(request, new.default_preview_mode)
    response.render()
    assert response.status_code == 200 and "PHQ-9 scoring guide" in response.content.decode()


def test_modules_stay_out_of_the_sitemap(client, modules):
    body = client.get("/sitemap.xml").content.decode()
    assert modules[0].get_parent().url in body and modules[0].url not in body


def test_a_draft_course_is_left_out_of_a_modules_breadcrumbs(client, learner, course, modules):
    """Wagtail serves a live module under a draft course; its breadcrumbs skip the draft."""
    course.unpublish()
    client.force_login(learner)
    html = client.get(modules[0].url).content.decode()
    crumbs = html[html.find('class="nhsuk-breadcrumb__list"') :].split("</ol>")[0]
    assert "5-day course" not in crumbs and 'href="/">Home<' in crumbs
