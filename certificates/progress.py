"""A cohort's progress matrix for its trainers: each learner's modules done and best quiz
scores, their attendance and hours, and what they still need for a certificate — in a fixed
number of queries however many learners and modules."""

from dataclasses import dataclass, field

from bookings.models import Place, PlaceStatus
from certificates.rules import progress_many
from learning.models import ModulePage, ModuleProgress, QuizAttempt


@dataclass
class Cell:
    done: bool = False
    best: int | None = None  # best submitted quiz score in the module, as a percentage


@dataclass
class Row:
    place: Place
    progress: object  # certificates.rules.Progress
    cells: list = field(default_factory=list)


def cohort_progress(cohort):
    """(modules, rows) for the cohort's confirmed places, ordered by name."""
    places = list(
        Place.objects.filter(cohort=cohort, status=PlaceStatus.CONFIRMED)
        .select_related("cohort__course")
        .order_by("attendee_name", "pk")
    )
    modules = list(ModulePage.objects.live().child_of(cohort.course).order_by("path"))
    users = [p.attendee_id for p in places if p.attendee_id]
    done = set(
        ModuleProgress.objects.filter(cohort=cohort, user_id__in=users).values_list(
            "user_id", "module_id"
        )
    )
    best = best_scores(cohort, users)
    progress = progress_many(places)
    rows = []
    for place in places:
        cells = [
            Cell((place.attendee_id, m.pk) in done, best.get((place.attendee_id, m.pk)))
            for m in modules
        ]
        rows.append(Row(place, progress[place.pk], cells))
    return modules, rows


def best_scores(cohort, users):
    """{(user id, module id): best percentage} over submitted attempts."""
    attempts = QuizAttempt.objects.filter(
        cohort=cohort, user_id__in=users, submitted_at__isnull=False, total__gt=0
    ).values_list("user_id", "module_id", "marks", "total")
    best = {}
    for user_id, module_id, marks, total in attempts:
        score = round(100 * (marks or 0) / total)
        key = (user_id, module_id)
        best[key] = max(best.get(key, 0), score)
    return best
