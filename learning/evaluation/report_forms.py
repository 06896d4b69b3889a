"""The staff form that chooses a course and a range of end dates for the course-wide impact
report. Errors in plain words, each beside its field and in the summary above the form."""

import datetime

from django import forms

from courses.models import CoursePage

LONGEST = datetime.timedelta(days=366 * 5)


class CourseReportForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        empty_label="Choose a course",
        error_messages={
            "required": "Choose a course",
            "invalid_choice": "Choose one of the courses in the list",
        },
    )
    start = forms.DateField(
        label="Cohorts ending on or after",
        help_text="For example, 1/9/2026",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={
            "required": "Enter the first end date",
            "invalid": "Enter the first end date as day/month/year, for example 1/9/2026",
        },
    )
    end = forms.DateField(
        label="and on or before",
        help_text="For example, 31/12/2026",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={
            "required": "Enter the last end date",
            "invalid": "Enter the last end date as day/month/year, for example 31/12/2026",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The last end date must be the same as or after the first")
        elif start and end and end - start > LONGEST:
            self.add_error("end", "Choose a range of five years or less")
        return cleaned
