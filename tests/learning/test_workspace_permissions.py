"""The permission walk of the trainers' workspace (issue 10): a trainer of cohort A follows
every link the admin shows them, searches and exports every listing, and types every address
of our apps' admin screens with the ids of cohort B's records; nothing of cohort B, no
invoice and no amount ever appears. A learner reaches none of it."""

import datetime
import re
from collections import deque

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from bookings.models import Invoice
from certificates.models import Certificate
from learning.materials.models import CohortMaterial
from learning.quizzes.models import QuizAdjustment
from tests.factories import UserFactory
from tests.factories.bookings import invoiced_order
from tests.factories.certificates import AttendanceRecordFactory, CertificateVersionFactory
from tests.factories.courses import CohortFactory, CohortSessionFactory, TrainerFactory
from tests.factories.learning import place_on
from tests.learning.test_workspace import cohort_trainer, staff_in

pytestmark = pytest.mark.django_db

OUR_APPS = ("bookings", "certificates", "courses", "learning", "cms")
CRAWL_LIMIT = 300
# Leaving, and Wagtail's own machinery (icons, its JSON API, edit-session pings).
NEVER_FOLLOW = (
    *("/admin/logout/", "/admin/login/", "/admin/sprite/", "/admin/api/"),
    *("/admin/editing-sessions/", "/admin/jsi18n/", "/admin/block-preview/"),
)
# The workspace and our apps' screens first, then whatever else the menu offers.
FIRST = ("/admin/my-cohorts/", "/admin/snippets/", "/admin/courses/", "/admin/bookings/")


def two_cohorts(course, trainer_user):
    """Cohort A taught by `trainer_user`, cohort B by someone else, each with a learner, an
    invoiced order, a certificate, a material, an adjustment and a register mark."""
    start = timezone.localdate() + datetime.timedelta(days=10)
    cohort_a = CohortFactory(course=course, start_date=start, title="Alpha run")
    cohort_a.trainers.add(cohort_trainer(trainer_user))
    cohort_b = CohortFactory(course=course, start_date=start, title="Bravo Eastfield run")
    cohort_b.trainers.add(TrainerFactory(name="Bravo Trainer"))
    records = {}
    for key, cohort, name in (("a", cohort_a, "Alpha Learner"), ("b", cohort_b, "Quibble")):
        first, last = name.split(" ") if " " in name else ("Bartholomew", name)
        learner = UserFactory(first_name=first, last_name=last, email=f"{last.lower()}@east.nhs.uk")
        place = place_on(cohort, learner)
        session = CohortSessionFactory(cohort=cohort)
        AttendanceRecordFactory(place=place, session=session, status="present")
        order = invoiced_order(cohort, 3)
        certificate = CertificateVersionFactory(
            certificate__place=place, learner_name=learner.display_name
        ).certificate
        material = CohortMaterial.objects.create(
            cohort=cohort,
            title=f"{name} handout",
            content_type="text/plain",
            extension=".txt",
            size=5,
            uploaded_at=timezone.now(),
            file=ContentFile(b"notes", name="notes.txt"),
        )
        adjustment = QuizAdjustment.objects.create(
            user=learner, course=course, extra_time="1.25", note=f"{name} agreed adjustment"
        )
        records[key] = {
            "cohort": cohort,
            "learner": learner,
            "place": place,
            "session": session,
            "order": order,
            "certificate": certificate,
            "material": material,
            "adjustment": adjustment,
        }
    return records


def secrets_of(records):
    """What a trainer of cohort A must never see: cohort B's people and records, and any
    invoice or amount at all (cohort A's included)."""
    b = records["b"]
    never = {
        b["cohort"].title,
        b["learner"].email,
        "Quibble",
        b["material"].title,
        b["adjustment"].note,
        b["certificate"].code,
    }
    for key in ("a", "b"):
        order = records[key]["order"]
        pounds = f"{order.total_pence / 100:,.2f}"
        never |= {pounds, pounds.replace(",", "")}
        never |= set(Invoice.objects.filter(order=order).values_list("number", flat=True))
    return never


def leaks(body, never):
    return sorted(secret for secret in never if secret and secret in body)


@pytest.fixture
def walk(client, course, trainer_user):
    records = two_cohorts(course, trainer_user)
    trainer = staff_in("Trainers", trainer_user)
    client.force_login(trainer)
    return records, secrets_of(records)


def crawl(client, never):
    """Every admin page reachable by links from the dashboard and My cohorts."""
    seen, queue, visited = set(), deque(["/admin/", "/admin/my-cohorts/"]), []
    while queue and len(visited) < CRAWL_LIMIT:
        path = queue.popleft()
        if path in seen or path.startswith(NEVER_FOLLOW) or not path.endswith("/"):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        visited.append(path)
        if response.status_code in (301, 302) and response.url.startswith("/admin/"):
            queue.appendleft(response.url.split("?")[0])
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        assert not leaks(body, never), (path, leaks(body, never))
        # Links, and the menu's addresses (which the sidebar's JSON props carry).
        for link in re.findall(r"(/admin/[\w\-/.]*)", body):
            if link not in seen:
                queue.appendleft(link) if link.startswith(FIRST) else queue.append(link)
    return visited


def test_following_every_link_shows_nothing_of_another_cohort(client, walk):
    records, never = walk
    visited = crawl(client, never)
    assert len(visited) > 20  # the walk really went through the workspace
    a = records["a"]["cohort"].pk
    assert f"/admin/my-cohorts/{a}/roster/" in visited


def test_searching_and_exporting_every_listing_shows_nothing_of_another_cohort(client, walk):
    records, never = walk
    listings = ["/" + route for route, _ in admin_routes() if "<" not in route]
    assert len(listings) > 10
    for path in listings:
        for query in ("?q=Bartholomew", "?q=east.nhs.uk", "?export=csv", "?export=xlsx"):
            response = client.get(path + query)
            assert response.status_code < 500, path + query
            if response.status_code == 200 and "xlsx" not in query:
                body = b"".join(response) if response.streaming else response.content
                assert not leaks(body.decode(errors="replace"), never), path + query


def admin_routes(resolver=None, prefix=""):
    """(route, view) for every admin URL pattern of our apps' screens."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/") and ours(pattern):
            yield route, pattern


def ours(pattern):
    model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    if isinstance(model, str):  # "app_label.Model", as choosers name theirs
        return model.split(".")[0] in OUR_APPS
    module = model.__module__ if model else pattern.callback.__module__
    return module.split(".")[0] in OUR_APPS


def addresses(route, pattern, records):
    """The route filled in with cohort B's record ids that fit its parameters: for an object's
    own screens, cohort B's record of that model (a model with none in cohort B is skipped)."""
    if re.search(r"[\^$(\\]", route.replace("<", "").replace(">", "")):
        return []  # a regular-expression route: not a plain address
    b = records["b"]
    by_name = {
        "cohort_id": b["cohort"].pk,
        "session_id": b["session"].pk,
        "material_id": b["material"].pk,
        "place_id": b["place"].pk,
        "order_id": b["order"].pk,
        "code": b["certificate"].code,
    }
    model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    own = [r.pk for r in b.values() if model is not None and isinstance(r, model)]
    every_pk = sorted({record.pk for record in b.values()})
    url = route
    for name in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if name in by_name:
            values = [by_name[name]]
        elif name in ("pk", "id", "object_id"):
            values = own if model is not None else every_pk
        else:
            return []
        if not values:
            return []
        url = re.sub(r"<[^>]+>", str(values[0]), url, count=1)
        if len(values) > 1:  # a view of unknown model: try each of cohort B's ids
            return ["/" + re.sub(r"<[^>]+>", str(v), route, count=1) for v in values]
    return ["/" + url]


def test_typing_the_addresses_of_another_cohorts_records_shows_nothing(client, walk):
    records, never = walk
    tried = 0
    for route, pattern in admin_routes():
        for url in addresses(route, pattern, records):
            response = client.get(url)
            tried += 1
            assert response.status_code < 500, url
            if response.status_code == 200 and not response.streaming:
                assert not leaks(response.content.decode(errors="replace"), never), url
            elif response.status_code == 200:
                assert not leaks(b"".join(response).decode(errors="replace"), never), url
    assert tried > 30


def test_a_learner_reaches_none_of_the_workspace(client, course, trainer_user):
    records = two_cohorts(course, trainer_user)
    client.force_login(records["a"]["learner"])
    tried = 0
    for route, pattern in admin_routes():
        for url in addresses(route, pattern, records) or ([] if "<" in route else ["/" + route]):
            response = client.get(url)
            tried += 1
            assert response.status_code in (302, 403, 404), (url, response.status_code)
    assert tried > 30
    assert Certificate.objects.count() == 2
