"""The register form: a status and, when late or leaving early, minutes for each place."""

from django import forms

from learning.attendance.models import AttendanceStatus, minutes_problem


class RegisterForm(forms.Form):
    def __init__(self, *args, session, places, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.session, self.places = session, list(places)
        for place in self.places:
            record = records.get(place.pk)
            self.fields[f"status_{place.pk}"] = forms.ChoiceField(
                label=f"{place.attendee_name}: attendance",
                choices=[("", "Not recorded"), *AttendanceStatus.choices],
                required=False,
                initial=record.status if record else "",
            )
            self.fields[f"minutes_{place.pk}"] = forms.IntegerField(
                label=f"{place.attendee_name}: minutes attended",
                required=False,
                min_value=0,
                initial=record.minutes_attended if record else None,
            )

    def rows(self):
        """(place, status field, minutes field) for the template."""
        return [(p, self[f"status_{p.pk}"], self[f"minutes_{p.pk}"]) for p in self.places]

    def clean(self):
        cleaned = super().clean()
        for place in self.places:
            status = cleaned.get(f"status_{place.pk}")
            minutes = cleaned.get(f"minutes_{place.pk}")
            problem = status and minutes_problem(status, minutes, self.session.minutes)
            if problem:
                self.add_error(f"minutes_{place.pk}", problem)
        return cleaned

    def marks(self):
        """{place id: (status, minutes)} for the places given a status."""
        data = self.cleaned_data
        return {
            p.pk: (data[f"status_{p.pk}"], data.get(f"minutes_{p.pk}"))
            for p in self.places
            if data.get(f"status_{p.pk}")
        }
