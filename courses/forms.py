import datetime

from django import forms
from django.utils import timezone

from courses.models import Delivery


def upcoming_months(count=12, today=None):
    today = today or timezone.localdate()
    first = today.replace(day=1)
    months = []
    for i in range(count):
        year, month = divmod(first.month - 1 + i, 12)
        months.append(datetime.date(first.year + year, month + 1, 1))
    return months


class CatalogueFilterForm(forms.Form):
    """The filters of the course index and the dates view. Bad values are reported, not 500s."""

    course = forms.ChoiceField(label="Course", required=False)
    month = forms.ChoiceField(label="Month", required=False)
    format = forms.ChoiceField(
        label="Format", required=False, choices=[("", "Any format"), *Delivery.choices]
    )
    available = forms.BooleanField(label="Only show dates with places available", required=False)

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.courses = {course.slug: course for course in courses}
        self.fields["course"].choices = [("", "Any course")] + [
            (course.slug, course.title) for course in courses
        ]
        self.fields["month"].choices = [("", "Any month")] + [
            (f"{m:%Y-%m}", f"{m:%B %Y}") for m in upcoming_months()
        ]

    def filters(self):
        """Keyword arguments for the catalogue's selectors, from the valid fields only."""
        if self.is_bound:
            self.is_valid()  # invalid fields drop out of cleaned_data; the valid ones still filter
        data = getattr(self, "cleaned_data", {})
        month = data.get("month")
        return {
            "course": self.courses.get(data.get("course")),
            "month": datetime.date.fromisoformat(f"{month}-01") if month else None,
            "delivery": data.get("format") or None,
            "available_only": bool(data.get("available")),
        }
