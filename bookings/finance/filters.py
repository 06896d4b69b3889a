"""Filters for the invoice listing. "Overdue" is not a stored status (it follows from the
due date), so it is a filter method over `InvoiceQuerySet.overdue()`."""

import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from bookings.models import Invoice, InvoiceStatus, Organisation
from courses.models import CoursePage

OVERDUE = "overdue"


class InvoiceFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=[*InvoiceStatus.choices, (OVERDUE, "Overdue")],
        method="filter_status",
        widget=forms.RadioSelect,
        empty_label="All",
    )
    course = django_filters.ModelChoiceFilter(
        field_name="order__cohort__course",
        queryset=CoursePage.objects.order_by("title"),
        label="Course",
    )
    organisation = django_filters.ModelChoiceFilter(
        field_name="order__organisation",
        queryset=Organisation.objects.order_by("name"),
        label="Organisation",
    )
    issue_date = django_filters.DateFromToRangeFilter(
        label="Issue date", widget=DateRangePickerWidget
    )
    overdue_only = django_filters.BooleanFilter(
        label="Overdue only", method="filter_overdue", widget=BooleanRadioSelect
    )

    class Meta:
        model = Invoice
        fields = []

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.overdue()
        return queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
