"""The register form (a status and, when late or leaving early, minutes for each place), and
the one-learner form behind the saved-as-you-go endpoint. Minutes typed and then left behind
by a change of status (present after late) are dropped, not refused: the page hides them."""

from django import forms

from learning.attendance.models import PARTIAL, AttendanceStatus, minutes_problem


def status_field(label, initial=None):
    return forms.ChoiceField(
        label=label,
        choices=AttendanceStatus.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=initial,
    )


def minutes_field(label, initial=None):
    return forms.IntegerField(label=label, required=False, min_value=0, initial=initial)


def clean_mark(form, status_name, minutes_name, session):
    """Drop minutes that do not go with the status, then say what is wrong, if anything."""
    status = form.cleaned_data.get(status_name)
    if status and status not in PARTIAL:
        form.cleaned_data[minutes_name] = None
    minutes = form.cleaned_data.get(minutes_name)
    problem = status and minutes_problem(status, minutes, session.minutes)
    if problem and minutes_name not in form.errors:
        form.add_error(minutes_name, problem)


class RegisterForm(forms.Form):
    def __init__(self, *args, session, places, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.session, self.places = session, list(places)
        for place in self.places:
            record = records.get(place.pk)
            self.fields[f"status_{place.pk}"] = status_field(
                f"{place.attendee_name}: attendance", record.status if record else None
            )
            self.fields[f"minutes_{place.pk}"] = minutes_field(
                f"Minutes of teaching {place.attendee_name} attended",
                record.minutes_attended if record else None,
            )

    def rows(self):
        """(place, status field, minutes field) for the template."""
        return [(p, self[f"status_{p.pk}"], self[f"minutes_{p.pk}"]) for p in self.places]

    def clean(self):
        cleaned = super().clean()
        for place in self.places:
            clean_mark(self, f"status_{place.pk}", f"minutes_{place.pk}", self.session)
        return cleaned

    def marks(self):
        """{place id: (status, minutes)} for the places given a status."""
        data = self.cleaned_data
        return {
            p.pk: (data[f"status_{p.pk}"], data.get(f"minutes_{p.pk}"))
            for p in self.places
            if data.get(f"status_{p.pk}")
        }


class MarkForm(forms.Form):
    """One learner's mark, as the register page's script sends it on each change."""

    # Bounded to what an id column holds: a larger number overflowed SQLite's lookup (a 500).
    place = forms.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            key: "This learner is not on the register: reload the page."
            for key in ("required", "invalid", "min_value", "max_value")
        },
    )
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    minutes = minutes_field("Minutes attended")

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session

    def clean(self):
        cleaned = super().clean()
        clean_mark(self, "status", "minutes", self.session)
        return cleaned

    def marks(self):
        data = self.cleaned_data
        return {data["place"]: (data["status"], data["minutes"])}

    def first_error(self):
        return next(iter(self.errors.values()))[0]
