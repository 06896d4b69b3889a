"""The organisation form in the Wagtail admin: managers are named by their email address,
which staff know, rather than picked from a list of every account."""

import re

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import User


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
