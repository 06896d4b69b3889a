"""The waiting list: people who want places on a full cohort, in the order they asked.

When places free, the first entry whose count fits is offered them: the places are held for
that person (a pending `Order`, linked here) and they get a single-use link to take them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

MAX_PLACES_WANTED = 10


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    OFFERED = "offered", "Places offered"
    BOOKED = "booked", "Booked"
    DECLINED = "declined", "Offer declined"
    LAPSED = "lapsed", "Offer lapsed"
    WITHDRAWN = "withdrawn", "Left the list"


ACTIVE = [WaitingStatus.WAITING, WaitingStatus.OFFERED]


class WaitingListQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)

    def queue_for(self, cohort):
        """Who is waiting for places on `cohort`, first come first: its own list, then
        (in the same order) people on the course's other lists who said any date would do."""
        others = Q(any_cohort=True, cohort__course_id=cohort.course_id)
        return self.filter(Q(cohort=cohort) | others, status=WaitingStatus.WAITING).order_by(
            "created_at", "pk"
        )

    def places_owed(self, cohort, free):
        """How many of `free` places the queue would take, served first come first, each
        entry taking its whole count or nothing."""
        owed = 0
        for wanted in self.queue_for(cohort).values_list("places_wanted", flat=True):
            if owed + wanted <= free:
                owed += wanted
        return owed


class WaitingListEntry(models.Model):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    cohort = models.ForeignKey(
        "courses.Cohort", on_delete=models.PROTECT, related_name="waiting_list"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waiting_list_entries"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    places_wanted = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES_WANTED)]
    )
    any_cohort = models.BooleanField(
        "any other date of this course would do",
        default=False,
        help_text="Offer places on another cohort of the same course too.",
    )
    status = models.CharField(
        max_length=20, choices=WaitingStatus.choices, default=WaitingStatus.WAITING
    )
    created_at = models.DateTimeField("joined", default=timezone.now)  # the queue order
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    offered_cohort = models.ForeignKey(
        "courses.Cohort",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="waiting_list_offers",
    )
    # The held places: a pending order that the offer link leads to.
    order = models.OneToOneField(
        "bookings.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waiting_list_entry",
    )
    # The link is a signed token (see services/offers.py); this makes it work only once.
    offer_link_used_at = models.DateTimeField(null=True, blank=True)
    offer_emailed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = WaitingListQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "waiting list entry"
        verbose_name_plural = "waiting lists"
        indexes = [models.Index(fields=["cohort", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"],
                condition=Q(status__in=ACTIVE),
                name="one_active_waiting_entry_per_cohort",
            ),
            models.CheckConstraint(
                condition=Q(places_wanted__gte=1, places_wanted__lte=MAX_PLACES_WANTED),
                name="waiting_places_wanted_1_to_10",
            ),
        ]
        permissions = [("offer_waiting_list_places", "Can offer waiting-list places by hand")]

    def __str__(self):
        return f"{self.name} – {self.cohort}"

    @property
    def is_active(self):
        return self.status in ACTIVE
