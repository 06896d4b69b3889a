"""The catalogue through the test client: pages, filters, JSON-LD, calendars, query counts."""

import datetime
import html as html_lib
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from cms import page_cache
from courses.selectors import CATALOGUE_DATES, COURSE_PAGE_DATES, DATES_PER_PAGE
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def in_days(n):
    return TODAY + datetime.timedelta(days=n)


def cohort_ids(html):
    """The cohorts a page shows, in order."""
    return [int(i) for i in re.findall(r'id="cohort-(\d+)"', html)]


def date_links(html):
    """The cohorts the catalogue links to, in order."""
    return [int(i) for i in re.findall(r'#cohort-(\d+)"', html)]


def link_named(html, text):
    """The href of the link whose text is `text`, unescaped; None when there is none."""
    match = re.search(rf'<a href="([^"]+)">{re.escape(text)}</a>', html)
    return html_lib.unescape(match.group(1)) if match else None


def weekly(course, count, first=10, **kwargs):
    return [
        CohortFactory(course=course, start_date=in_days(first + 7 * i), **kwargs)
        for i in range(count)
    ]


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_index_lists_both_courses_with_next_dates(client, catalogue, taken):
    _, five, three = catalogue
    open_one = CohortFactory(course=five, start_date=in_days(20))
    taken[open_one.pk] = 9
    CohortFactory(course=three, start_date=in_days(40), delivery="online", venue_name="")
    html = client.get("/courses/").content.decode()
    assert "5-day course" in html and "3-week course" in html
    assert "3 places left" in html
    assert "From £350" in html
    assert "30 hours" in html


def test_index_hides_drafts_and_past_cohorts(client, catalogue):
    _, five, _ = catalogue
    CohortFactory(course=five, status="draft", start_date=in_days(15), title="Secret draft")
    CohortFactory(course=five, start_date=in_days(-30), status="completed")
    html = client.get("/courses/").content.decode()
    assert "New dates will be announced soon" in html


def test_filters_by_format_month_and_places(client, catalogue, taken):
    _, five, _ = catalogue
    in_person = CohortFactory(course=five, start_date=in_days(20))
    online = CohortFactory(course=five, start_date=in_days(80), delivery="online")
    full = CohortFactory(course=five, start_date=in_days(50))
    taken[full.pk] = full.capacity

    def dates(**query):
        html = client.get("/courses/dates/", query).content.decode()
        return {int(i) for i in re.findall(r'id="cohort-(\d+)"', html)}

    assert dates() == {in_person.pk, online.pk, full.pk}
    assert dates(format="online") == {online.pk}
    assert dates(month=f"{in_person.start_date:%Y-%m}") >= {in_person.pk}
    assert online.pk not in dates(month=f"{in_person.start_date:%Y-%m}")
    assert dates(available="on") == {in_person.pk, online.pk}


def test_index_shows_each_courses_next_dates_and_links_to_the_rest(client, catalogue, taken):
    _, five, three = catalogue
    fives = weekly(five, 7)
    threes = weekly(three, CATALOGUE_DATES)
    html = client.get("/courses/").content.decode()
    first = [c.pk for c in fives[:CATALOGUE_DATES]] + [c.pk for c in threes]
    assert date_links(html) == first
    assert link_named(html, "All 7 upcoming dates for 5-day course") == (
        "/courses/dates/?course=five-day-course"
    )
    assert "upcoming dates for 3-week course" not in html  # all of them are shown

    taken[fives[0].pk] = fives[0].capacity  # full: not "available"
    html = client.get("/courses/", {"available": "on"}).content.decode()
    assert date_links(html)[:CATALOGUE_DATES] == [c.pk for c in fives[1 : CATALOGUE_DATES + 1]]
    assert link_named(html, "All 6 matching dates for 5-day course") == (
        "/courses/dates/?available=on&course=five-day-course"
    )


def test_index_and_dates_filter_by_course(client, catalogue):
    _, five, three = catalogue
    [five_date], [three_date] = weekly(five, 1), weekly(three, 1)
    html = client.get("/courses/", {"course": "three-week-course"}).content.decode()
    assert "3-week course" in html and "5-day course</a>" not in html
    dates = client.get("/courses/dates/", {"course": "three-week-course"}).content.decode()
    assert cohort_ids(dates) == [three_date.pk]
    assert "Upcoming dates for 3-week course" in dates
    assert cohort_ids(client.get("/courses/dates/").content.decode()) == [
        five_date.pk,
        three_date.pk,
    ]


def test_the_dates_list_pages_through_every_date(client, catalogue):
    _, five, three = catalogue
    fives = weekly(five, 25)
    weekly(three, 3, first=11)
    url, seen = "/courses/dates/?course=five-day-course&format=in_person", []
    while url:
        html = client.get(url).content.decode()
        shown = cohort_ids(html)
        assert 0 < len(shown) <= DATES_PER_PAGE
        seen += shown
        assert "25 dates found, showing" in html
        assert 'class="nhsuk-pagination"' in html
        following = re.search(r'nhsuk-pagination__link--next" href="([^"]+)"', html)
        url = "/courses/dates/" + html_lib.unescape(following.group(1)) if following else None
        if url:
            assert "course=five-day-course" in url and "format=in_person" in url
    assert seen == [c.pk for c in fives]


@pytest.mark.parametrize(
    "query",
    [
        {"month": "2020-13"},
        {"format": "<script>"},
        {"month": "x" * 5000},
        {"course": "no-such-course"},
    ],
)
def test_bad_filter_values_are_reported_not_crashed(client, catalogue, query):
    response = client.get("/courses/dates/", query)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_course_page_shows_everything_a_learner_needs(client, catalogue, taken):
    _, five, _ = catalogue
    cohort = CohortFactory(course=five, start_date=in_days(20), capacity=10)
    taken[cohort.pk] = 7
    full = CohortFactory(course=five, start_date=in_days(60), capacity=4)
    taken[full.pk] = 4
    CohortFactory(course=five, start_date=in_days(90), status="cancelled")
    html = client.get(five.url).content.decode()
    for text in [
        "Who it is for",
        "Prices",
        "NHS and public sector",
        "£550",
        "Cancellations and transfers",
        "3 places left",
        "Booking closes",
        "Full — join the waiting list",
        "Cancelled",
        "Weston Education Centre",
    ]:
        assert text in html, text


def test_course_page_shows_the_next_dates_and_links_to_them_all(client, catalogue):
    _, five, three = catalogue
    fives = weekly(five, 25)
    weekly(three, 2, first=11)
    html = client.get(five.url).content.decode()
    assert cohort_ids(html) == [c.pk for c in fives[:COURSE_PAGE_DATES]]
    assert len(json_ld(html)["hasCourseInstance"]) == COURSE_PAGE_DATES
    href = link_named(html, "All 25 upcoming dates for 5-day course")
    assert href == "/courses/dates/?course=five-day-course"
    assert cohort_ids(client.get(href).content.decode()) == [c.pk for c in fives[:DATES_PER_PAGE]]


def test_a_cancelled_date_is_shown_but_not_counted(client, catalogue):
    _, five, _ = catalogue
    cancelled = CohortFactory(course=five, start_date=in_days(5), status="cancelled")
    fives = weekly(five, COURSE_PAGE_DATES - 1)
    html = client.get(five.url).content.decode()
    assert cohort_ids(html) == [cancelled.pk] + [c.pk for c in fives]
    assert "upcoming dates for 5-day course" not in html  # every date is shown
    later = CohortFactory(course=five, start_date=in_days(300))
    html = client.get(five.url).content.decode()
    assert later.pk not in cohort_ids(html)
    assert link_named(html, f"All {COURSE_PAGE_DATES} upcoming dates for 5-day course")


def test_joining_details_only_for_trainers_and_staff(client, catalogue, user):
    _, five, _ = catalogue
    CohortFactory(course=five, delivery="online", joining_details="https://meet.example/secret")
    assert "meet.example/secret" not in client.get(five.url).content.decode()
    client.force_login(user)
    assert "meet.example/secret" not in client.get(five.url).content.decode()


def test_course_page_json_ld_is_a_course_with_instances(client, catalogue, taken):
    _, five, _ = catalogue
    open_one = CohortFactory(course=five, start_date=in_days(20))
    full = CohortFactory(course=five, start_date=in_days(40), capacity=3)
    taken[full.pk] = 3
    html = client.get(five.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Course" and data["name"] == five.title
    instances = {i["startDate"]: i for i in data["hasCourseInstance"]}
    assert instances[open_one.start_date.isoformat()]["offers"]["availability"].endswith("InStock")
    assert instances[full.start_date.isoformat()]["offers"]["availability"].endswith("SoldOut")
    assert instances[open_one.start_date.isoformat()]["offers"]["price"] == "350.00"
    assert '<link rel="canonical" href="http://localhost/courses/' in html
    assert 'property="og:title"' in html


def test_cohort_calendar_has_every_session_in_london_time(client, catalogue):
    _, five, _ = catalogue
    cohort = CohortFactory(course=five, start_date=in_days(20))
    response = client.get(f"/courses/cohorts/{cohort.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 5
    start = events[0].decoded("dtstart")
    assert str(start.tzinfo) == "Europe/London"
    assert (start.hour, start.minute) == (9, 30)
    assert "Weston Education Centre" in str(events[0]["location"])


def test_draft_cohort_has_no_calendar(client, catalogue):
    _, five, _ = catalogue
    draft = CohortFactory(course=five, status="draft")
    assert client.get(f"/courses/cohorts/{draft.pk}/calendar.ics").status_code == 404


def count_queries(client, url):
    """The page's render, behind the anonymous page cache (a hit runs none)."""
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/courses/",
        "/courses/?available=on&format=in_person",
        "/courses/dates/",
        "/courses/dates/?course=five-day-course&page=2",
        "/courses/dates/?available=on",
        "/courses/five-day-course/",
    ],
)
def test_query_count_does_not_grow_with_cohorts(client, catalogue, url):
    _, five, three = catalogue
    for i in range(2):
        CohortFactory(course=five, start_date=in_days(10 + i))
    client.get(url)  # warm caches (content types, site)
    with_two = count_queries(client, url)
    for i in range(38):
        CohortFactory(course=five if i % 2 else three, start_date=in_days(20 + i))
    with_forty = count_queries(client, url)
    assert with_forty == with_two
    assert with_two <= 20
