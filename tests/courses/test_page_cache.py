"""The anonymous page cache (cms.page_cache): a hit costs no query, and what a visitor sees
changes as soon as a page is published or a place is held, confirmed or cancelled; signed-in
visitors and anything personal never go through it."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache.backends import locmem
from django.utils import timezone

from bookings.services import holds
from bookings.services.cancel import cancel_places
from bookings.services.confirm import confirm_order
from cms import page_cache
from courses.selectors import COURSE_PAGE_DATES
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    _, five, _ = catalogue
    return five


@pytest.fixture
def cohort(course):
    return CohortFactory(course=course, capacity=12)


def places_label(client, cohort):
    html = client.get(cohort.course.url).content.decode()
    card = html[html.index(f'id="cohort-{cohort.pk}"') :]
    return re.search(r"(\d+ places? left)", card).group(1)


def hold_one(cohort):
    tier = cohort.course.price_tiers.first()
    attendee = holds.Attendee(
        name="Grace Mensah", email="grace@example.nhs.uk", price_tier_id=tier.pk
    )
    return holds.hold_places(
        cohort_id=cohort.pk, buyer=UserFactory(), attendees=[attendee], payment_method="invoice"
    )


@pytest.mark.parametrize(
    "path", ["/", "/courses/", "/courses/five-day-course/", "/certificates/verify/"]
)
def test_a_second_anonymous_visit_runs_no_query(client, cohort, path, django_assert_num_queries):
    first = client.get(path)
    assert first.status_code == 200
    assert first[page_cache.HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second[page_cache.HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second  # the inner middleware's headers are kept


def test_cached_pages_say_who_may_keep_them(client, cohort):
    for response in (client.get("/courses/"), client.get("/courses/")):
        assert "Cookie" in response["Vary"]
        assert "public" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]
        assert "Set-Cookie" not in response and not response.cookies


def test_holding_confirming_and_cancelling_a_place_show_at_once(client, cohort):
    assert places_label(client, cohort) == "12 places left"
    order = hold_one(cohort)
    assert places_label(client, cohort) == "11 places left"
    confirm_order(order_id=order.pk, message="Confirmed: to be invoiced")
    assert places_label(client, cohort) == "11 places left"
    place = order.places.get()
    cancel_places(order_id=order.pk, place_ids=[place.pk], actor=None, percent=0)
    assert places_label(client, cohort) == "12 places left"


def test_a_change_committed_later_still_drops_the_page(
    client, cohort, django_capture_on_commit_callbacks
):
    """A page rendered while a booking's transaction is still open would show the old count:
    the version changes again when it commits."""
    client.get(cohort.course.url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        hold_one(cohort)
    client.get(cohort.course.url)  # stored under the version set before the commit
    for callback in callbacks:
        callback()
    assert client.get(cohort.course.url)[page_cache.HIT_HEADER] == "miss"


def test_while_one_request_renders_again_the_others_get_the_stale_copy(client, cohort):
    """No stampede: only the request holding the render lock renders."""
    old = client.get("/courses/").content
    hold_one(cohort)
    key = page_cache.entry_key(client.get("/courses/").wsgi_request)  # renders: lock is free
    page_cache.invalidate()
    assert page_cache.render_lock(key)  # as if another worker were rendering now
    stale = client.get("/courses/")
    assert stale[page_cache.HIT_HEADER] == "stale"
    assert stale.content != old  # the copy from after the hold, not older
    page_cache.release(key)
    assert client.get("/courses/")[page_cache.HIT_HEADER] == "miss"


def test_a_new_date_shows_in_the_course_pages_count_at_once(client, course):
    """The course page lists its next dates and counts them all: a date added past the ones
    it lists changes only the count, and that shows straight away too."""
    for week in range(COURSE_PAGE_DATES + 1):
        CohortFactory(course=course, start_date=timezone.localdate() + timedelta(weeks=week + 2))
    total = COURSE_PAGE_DATES + 1
    assert f"All {total} upcoming dates" in client.get(course.url).content.decode()
    assert client.get(course.url)[page_cache.HIT_HEADER] == "hit"
    CohortFactory(course=course, start_date=timezone.localdate() + timedelta(weeks=40))
    response = client.get(course.url)
    assert response[page_cache.HIT_HEADER] == "miss"
    assert f"All {total + 1} upcoming dates" in response.content.decode()


def test_publishing_a_page_shows_at_once(client, course):
    assert "Renamed course" not in client.get("/courses/").content.decode()
    course.title = "Renamed course"
    course.save_revision().publish()
    assert "Renamed course" in client.get("/courses/").content.decode()
    assert "Renamed course" in client.get(course.url).content.decode()


def test_entries_last_seconds_at_most(client, cohort, settings, monkeypatch):
    """Changes no signal reports (a hold lapsing by time) show once an entry expires."""
    assert 0 < settings.PAGE_CACHE_SECONDS <= 60
    client.get("/courses/")
    assert client.get("/courses/")[page_cache.HIT_HEADER] == "hit"
    later = time.time() + settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(locmem.time, "time", lambda: later)
    assert client.get("/courses/")[page_cache.HIT_HEADER] == "miss"


def test_signed_in_visitors_never_get_the_cached_page(client, cohort, user):
    anonymous = client.get("/courses/five-day-course/")
    client.force_login(user)
    for _ in range(2):
        response = client.get("/courses/five-day-course/")
        assert page_cache.HIT_HEADER not in response
        assert response.content != anonymous.content  # the header names the learner
        assert user.display_name in response.content.decode()
        assert "private" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]
    client.logout()
    assert client.get("/courses/five-day-course/").content == anonymous.content


def test_a_visitor_with_a_session_or_messages_is_not_served_from_the_cache(client, cohort):
    client.get("/")
    assert client.get("/")[page_cache.HIT_HEADER] == "hit"
    client.cookies["messages"] = "something"
    assert page_cache.HIT_HEADER not in client.get("/")
    del client.cookies["messages"]
    client.cookies["sessionid"] = "not-a-session"
    assert page_cache.HIT_HEADER not in client.get("/")


def test_query_strings_and_pages_that_set_cookies_are_not_kept(client, cohort):
    assert page_cache.HIT_HEADER not in client.get("/courses/", {"format": "online"})
    assert page_cache.HIT_HEADER not in client.get("/certificates/verify/", {"code": "x"})
    login = client.get("/accounts/login/")  # sets a CSRF cookie: never cached
    assert page_cache.HIT_HEADER not in login


def test_pages_behind_a_view_restriction_are_not_kept(client, course, cohort):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=course, restriction_type="login")
    assert client.get(course.url).status_code == 302
    assert client.get(course.url).status_code == 302
