"""Cohort materials: trainers upload slides and handouts for one cohort; its learners find them
in My learning; nobody else can download them; uploads are checked by what the file is."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cms.groups import sync_groups
from learning.materials.models import CohortMaterial
from learning.materials.validators import check_upload
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DASHBOARD = reverse("learning:dashboard")


def upload(name, content):
    return SimpleUploadedFile(name, content)


def office(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("slides.pdf", PDF, "PDF"),
        ("handout.docx", office("word/"), "Word document"),
        ("day-1.pptx", office("ppt/"), "PowerPoint slides"),
        ("chart.PNG", png(), "PNG image"),
        ("reading.txt", "PHQ-9: nine questions, each 0–3.".encode(), "Text file"),
    ],
)
def test_real_files_of_the_allowed_types_are_accepted(name, content, label):
    extension, kind = check_upload(upload(name, content))
    assert kind.label == label
    assert extension == "." + name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("page.html", b"<script>alert(1)</script>", "must be one of these types"),
        ("logo.svg", b"<svg onload='alert(1)'/>", "must be one of these types"),
        ("run.exe", b"MZ", "must be one of these types"),
        ("no-extension", PDF, "must be one of these types"),
        ("slides.pdf", b"<html><script>alert(1)</script></html>", "not a real PDF"),
        ("handout.docx", office("ppt/"), "not a real Word document"),
        ("handout.docx", b"PK not really a zip", "not a real Word document"),
        ("photo.png", b"\x89PNG but broken", "not a real PNG image"),
        ("notes.txt", b"binary\x00data", "not a real Text file"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_wrong_or_disguised_files_are_refused_with_the_reason(name, content, reason):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    assert reason in refused.value.messages[0]


def test_a_file_over_the_size_limit_is_refused_with_both_sizes(settings):
    settings.COHORT_MATERIAL_MAX_MB = 1
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("big.pdf", PDF + b"0" * (1024 * 1024)))
    assert "smaller than 1.0\xa0MB" in refused.value.messages[0]
    assert "big.pdf’ is 1.0\xa0MB" in refused.value.messages[0]


@pytest.fixture
def trainer(cohort, trainer_user):
    sync_groups()
    trainer_user.is_staff = True
    trainer_user.save()
    trainer_user.groups.add(Group.objects.get(name="Trainers"))
    TOTPAuthenticatorFactory(user=trainer_user)
    return trainer_user


def upload_as(client, user, cohort, name="day-1.pdf", content=PDF, title="Day 1 slides"):
    client.force_login(user)
    url = reverse("learning_materials_cohort", args=[cohort.pk])
    return client.post(url, {"title": title, "description": "", "file": upload(name, content)})


def test_a_trainer_uploads_a_file_that_the_cohorts_learners_then_download(
    client, trainer, cohort, learner
):
    response = upload_as(client, trainer, cohort)
    assert response.status_code == 302
    material = CohortMaterial.objects.get()
    assert (material.cohort, material.uploaded_by, material.size) == (cohort, trainer, len(PDF))
    assert "day-1" not in material.file.name  # stored under a random name, privately
    client.force_login(learner)
    page = client.get(DASHBOARD).content.decode()
    download = reverse("learning:material", args=[cohort.pk, material.pk])
    assert f'href="{download}"' in page and "Day 1 slides" in page
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'attachment; filename="day-1-slides.pdf"' in response["Content-Disposition"]


def test_a_refused_upload_says_why_and_stores_nothing(client, trainer, cohort):
    response = upload_as(client, trainer, cohort, name="slides.pdf", content=b"<html>")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file was not uploaded" in page
    assert 'href="#id_file"' in page and "not a real PDF" in page
    assert not CohortMaterial.objects.exists()


def test_nobody_outside_the_cohort_downloads_its_files(client, trainer, cohort, learner):
    upload_as(client, trainer, cohort)
    download = reverse("learning:material", args=[cohort.pk, CohortMaterial.objects.get().pk])
    client.logout()
    assert client.get(download).status_code == 302  # to sign in
    stranger = UserFactory()
    place_on(CohortFactory(course=cohort.course), stranger)  # a place on another run
    client.force_login(stranger)
    assert client.get(download).status_code == 403
    assert "Slides" not in client.get(DASHBOARD).content.decode()
    other = CohortFactory(course=cohort.course)  # the right id under the wrong cohort
    material_id = CohortMaterial.objects.get().pk
    client.force_login(learner)
    wrong = reverse("learning:material", args=[other.pk, material_id])
    assert client.get(wrong).status_code == 404


def test_a_trainer_sees_and_changes_only_the_cohorts_they_teach(client, trainer, cohort):
    other = CohortFactory(course=cohort.course, title="Another run")
    other.trainers.add(TrainerFactory())
    client.force_login(trainer)
    listing = client.get(reverse("learning_my_cohorts")).content.decode()
    assert str(cohort) in listing and "Another run" not in listing
    assert upload_as(client, trainer, other).status_code == 404
    assert not CohortMaterial.objects.exists()


def test_a_learner_cannot_reach_the_trainers_screens(client, cohort, learner):
    client.force_login(learner)
    response = client.get(reverse("learning_materials_cohort", args=[cohort.pk]))
    assert response.status_code in (302, 403)
    assert upload_as(client, learner, cohort).status_code in (302, 403)
    assert not CohortMaterial.objects.exists()


def test_deleting_removes_the_file_and_its_link(
    client, trainer, cohort, learner, django_capture_on_commit_callbacks
):
    upload_as(client, trainer, cohort)
    material = CohortMaterial.objects.get()
    storage, name = material.file.storage, material.file.name
    url = reverse("learning_materials_delete", args=[cohort.pk, material.pk])
    assert "Yes, delete it" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not CohortMaterial.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("files", [1, 10])
def test_my_learning_reads_materials_in_one_query(
    client, trainer, cohort, learner, django_assert_max_num_queries, files
):
    for n in range(files):
        upload_as(client, trainer, cohort, title=f"Handout {n}")
    client.force_login(learner)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(20):
        page = client.get(DASHBOARD).content.decode()
    assert page.count("Handout ") == files
