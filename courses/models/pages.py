"""The catalogue: an index of courses, and one page per course with its cohorts."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.http import urlencode
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import AccordionBlock, BodyStreamBlock
from cms.models import ViewRestrictionsWhenAnyMixin
from cms.models.settings import VatTreatment
from courses.blocks import OutcomeBlock, SyllabusItemBlock
from courses.models.cohorts import Delivery

SHORT_RICH_TEXT = ["bold", "italic", "ul", "ol", "link"]


class CoreSkillsTier(models.TextChoices):
    """The tiers of the Mental Health Core Skills Education and Training Framework (Skills
    for Health, Health Education England and Skills for Care, 2016). Certificates' Open
    Badges align to the tier a course targets."""

    TIER_1 = "tier-1", "Tier 1: general mental health awareness"
    TIER_2 = "tier-2", "Tier 2: regular contact with people with mental health problems"
    TIER_3 = "tier-3", "Tier 3: working with and caring for people with mental health needs"


class CourseIndexPage(RoutablePageMixin, Page):
    anonymous_page_cache = True  # cms.page_cache: kept for seconds, dropped on any booking
    intro = RichTextField(blank=True, features=SHORT_RICH_TEXT)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    @path("")
    def catalogue(self, request):
        from courses.views import course_index

        return course_index(request, self)

    @path("dates/")
    def all_dates(self, request):
        from courses.views import upcoming_dates

        return upcoming_dates(request, self)


class CoursePage(ViewRestrictionsWhenAnyMixin, RoutablePageMixin, Page):
    anonymous_page_cache = True  # cms.page_cache: kept for seconds, dropped on any booking
    summary = models.CharField(max_length=250, help_text="One line: what the course gives you.")
    course_code = models.CharField(
        max_length=20,
        blank=True,
        help_text="The code training teams and certificates know the course by, for example "
        "MHS-5D.",
    )
    delivery = models.CharField(
        "format", max_length=20, choices=Delivery.choices, default=Delivery.IN_PERSON
    )
    duration = models.CharField(max_length=60, help_text="For example: 5 days, or 3 weeks")
    cpd_hours = models.DecimalField("CPD hours", max_digits=5, decimal_places=1)
    core_skills_tier = models.CharField(
        "Core Skills Framework tier",
        max_length=10,
        choices=CoreSkillsTier.choices,
        blank=True,
        help_text="The tier of the Mental Health Core Skills Education and Training Framework "
        "this course targets. Stated in each certificate's Open Badge.",
    )
    audience = RichTextField("who it is for", features=SHORT_RICH_TEXT)
    outcomes = StreamField([("outcome", OutcomeBlock())], verbose_name="learning outcomes")
    syllabus = StreamField([("item", SyllabusItemBlock())], verbose_name="what each day covers")
    cancellation_policy = RichTextField(features=SHORT_RICH_TEXT)
    # The rules the booking system applies; the text above explains them to people.
    full_refund_days = models.PositiveSmallIntegerField(
        default=28, help_text="Cancel at least this many days before the start: full refund."
    )
    partial_refund_days = models.PositiveSmallIntegerField(
        default=14, help_text="Cancel at least this many days before the start: partial refund."
    )
    partial_refund_percent = models.PositiveSmallIntegerField(
        default=50, validators=[MaxValueValidator(100)]
    )
    transfer_deadline_days = models.PositiveSmallIntegerField(
        default=7, help_text="Places can move to another date until this many days before."
    )
    substitution_deadline_days = models.PositiveSmallIntegerField(
        default=1, help_text="Another colleague can take a place until this many days before."
    )
    vat_treatment = models.CharField(
        "VAT on the course fee",
        max_length=10,
        blank=True,
        choices=VatTreatment.choices,
        help_text="Leave blank to use the site's setting. Exempt where a university (an "
        "eligible body) provides the course; standard rate for a commercial provider.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="more about the course")
    faqs = StreamField([("faqs", AccordionBlock())], blank=True, verbose_name="FAQs")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("course_code"),
                FieldPanel("delivery"),
                FieldPanel("duration"),
                FieldPanel("cpd_hours"),
                FieldPanel("core_skills_tier"),
            ],
            heading="Format",
        ),
        FieldPanel("audience"),
        FieldPanel("outcomes"),
        FieldPanel("syllabus"),
        InlinePanel("price_tiers", heading="Prices", label="Price tier", min_num=1),
        FieldPanel("vat_treatment"),
        MultiFieldPanel(
            [
                FieldPanel("cancellation_policy"),
                FieldRowPanel(
                    [
                        FieldPanel("full_refund_days"),
                        FieldPanel("partial_refund_days"),
                        FieldPanel("partial_refund_percent"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("transfer_deadline_days"), FieldPanel("substitution_deadline_days")]
                ),
            ],
            heading="Cancellations, transfers and substitutions",
        ),
        InlinePanel("course_trainers", heading="Trainers", label="Trainer"),
        FieldPanel("body"),
        FieldPanel("faqs"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("syllabus"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["learning.ModulePage"]

    def clean(self):
        super().clean()
        if self.partial_refund_days > self.full_refund_days:
            raise ValidationError(
                {"partial_refund_days": "The partial refund must start later than the full one."}
            )

    @path("")
    def course(self, request):
        from courses.views import course_page

        return course_page(request, self)

    def all_dates_url(self, request=None):
        """The catalogue's list of upcoming dates, of this course only."""
        index = self.get_parent()  # cached by the routing that found this page
        dates = CourseIndexPage.get_resolver().reverse("all_dates")
        return f"{index.get_url(request)}{dates}?{urlencode({'course': self.slug})}"


class PriceTier(Orderable):
    """A price and who qualifies for it, for example staff of the partner organisations."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="price_tiers")
    name = models.CharField(max_length=100)
    who_qualifies = models.CharField(max_length=300)
    price_pence = models.PositiveIntegerField("price (pence)")
    early_bird_price_pence = models.PositiveIntegerField(
        "early-bird price (pence)",
        null=True,
        blank=True,
        help_text="Charged when booked before the cohort's early-bird deadline.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("who_qualifies"),
        FieldPanel("price_pence"),
        FieldPanel("early_bird_price_pence"),
    ]

    def __str__(self):
        return f"{self.name} (£{self.price_pence / 100:,.2f})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.early_bird_price_pence is not None and (
            self.early_bird_price_pence >= self.price_pence
        ):
            raise ValidationError(
                {"early_bird_price_pence": "The early-bird price must be lower than the price."}
            )


class CourseTrainer(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="course_trainers")
    trainer = models.ForeignKey("courses.Trainer", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("trainer")]
