"""Wagtail admin forms for bookings: organisations (managers named by their email address,
which staff know, rather than picked from a list of every account) and discount codes."""

import re

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from bookings.models import normalise_code
from cms.models import User
from courses.models import PriceTier


class OrganisationForm(WagtailAdminModelForm):
    manager_emails = forms.CharField(
        label="Nominated managers",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Email addresses, one per line. Each person needs an account here. They see "
        "all the organisation's bookings and can pass places on to colleagues.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            emails = self.instance.managers.order_by("email").values_list("email", flat=True)
            self.initial["manager_emails"] = "\n".join(emails)

    def clean_manager_emails(self):
        emails = list(dict.fromkeys(re.split(r"[\s,;]+", self.cleaned_data["manager_emails"])))
        emails = [e.strip().lower() for e in emails if e.strip()]
        users = {u.email: u for u in User.objects.filter(email__in=emails)}
        missing = [e for e in emails if e not in users]
        if missing:
            raise forms.ValidationError(
                f"No account uses {', '.join(missing)}. Ask them to create one first."
            )
        return list(users.values())

    def save(self, commit=True):
        instance = super().save(commit=commit)
        managers = self.cleaned_data["manager_emails"]
        if commit:
            instance.managers.set(managers)
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_managers():
                save_m2m()
                instance.managers.set(managers)

            self.save_m2m = save_m2m_and_managers
        return instance


class DiscountCodeForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tiers = self.fields["price_tiers"]
        tiers.queryset = PriceTier.objects.select_related("course").order_by("course__title", "pk")
        # Both courses have a "Partner organisations" price: say whose each one is.
        tiers.label_from_instance = lambda tier: f"{tier.course.title}: {tier}"

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])

    def clean(self):
        cleaned = super().clean()
        courses, tiers = cleaned.get("courses"), cleaned.get("price_tiers")
        if courses and tiers and any(t.course_id not in {c.pk for c in courses} for t in tiers):
            # Such a code could never be used: the price belongs to a course it excludes.
            self.add_error("price_tiers", "Choose prices of the courses ticked above.")
        return cleaned
