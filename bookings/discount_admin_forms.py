"""Wagtail admin forms for bookings: discount codes."""

from wagtail.admin.forms import WagtailAdminModelForm

from bookings.models import normalise_code
from courses.models import PriceTier


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
