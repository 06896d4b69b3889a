"""Reports for finance: revenue (invoiced net, less credit notes) and places booked, by
course and month over the last 12 months, and the fill rate of each cohort. Each read is
one grouped query; the charts are drawn by `charts`."""

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.finance import VIEW
from bookings.finance.charts import grouped_bars
from bookings.models import CreditNote, Invoice, Place, PlaceStatus
from bookings.templatetags.finance_tags import gbp
from courses.models import Cohort, CohortStatus


def last_months(today, count=12):
    """The first day of each of the last `count` months, oldest first, this month last."""
    months, month = [], today.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months[::-1]


def as_month(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date().replace(day=1)
    return value.replace(day=1)


def by_course_and_month(rows, months):
    """[(course, month, value)] -> (courses sorted, {course: [value per month]})."""
    table = defaultdict(lambda: [0] * len(months))
    index = {month: i for i, month in enumerate(months)}
    for course, month, value in rows:
        month = as_month(month)
        if month in index:
            table[course][index[month]] += value or 0
    return {course: table[course] for course in sorted(table)}


def revenue(months):
    start = months[0]
    invoiced = (
        Invoice.objects.filter(issue_date__gte=start)
        .annotate(month=TruncMonth("issue_date"))
        .values_list("order__cohort__course__title", "month")
        .annotate(net=Sum("net_pence"))
        .order_by()
    )
    credited = (
        CreditNote.objects.filter(issue_date__gte=start)
        .annotate(month=TruncMonth("issue_date"))
        .values_list("invoice__order__cohort__course__title", "month")
        .annotate(net=Sum("net_pence"))
        .order_by()
    )
    rows = list(invoiced) + [(course, month, -net) for course, month, net in credited]
    return by_course_and_month(rows, months)


def places(months):
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
    rows = (
        Place.objects.filter(status=PlaceStatus.CONFIRMED, order__confirmed_at__gte=since)
        .annotate(month=TruncMonth("order__confirmed_at"))
        .values_list("cohort__course__title", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return by_course_and_month(rows, months)


def fill_rates(today):
    """Cohorts from a year ago onwards (not drafts, not cancelled), with confirmed places."""
    cohorts = (
        Cohort.objects.filter(start_date__gte=today - datetime.timedelta(days=365))
        .exclude(status__in=[CohortStatus.DRAFT, CohortStatus.CANCELLED])
        .select_related("course")
        .annotate(confirmed=Count("places", filter=Q(places__status=PlaceStatus.CONFIRMED)))
        .order_by("start_date", "pk")
    )
    return [
        {
            "cohort": cohort,
            "confirmed": cohort.confirmed,
            "capacity": cohort.capacity,
            "percent": round(100 * cohort.confirmed / cohort.capacity) if cohort.capacity else 0,
        }
        for cohort in cohorts
    ]


def report(table, months, fmt):
    labels = [f"{month:%b %y}" for month in months]
    return {
        "months": labels,
        "rows": [(course, values, sum(values)) for course, values in table.items()],
        "totals": [sum(column) for column in zip(*table.values(), strict=True)] if table else [],
        "chart": grouped_bars(labels, list(table.items()), fmt),
    }


def reports_view(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    today = timezone.localdate()
    months = last_months(today)
    return TemplateResponse(
        request,
        "bookings/admin/finance/reports.html",
        {
            "title": "Reports",
            "subtitle": f"{months[0]:%B %Y} to {months[-1]:%B %Y}",
            "icon": "table",
            "revenue": report(revenue(months), months, gbp),
            "places": report(places(months), months, str),
            "fill_rates": fill_rates(today),
        },
    )
