"""Who may see a cohort's online joining details: its booked learners, trainers and staff.

Places live downstream in `bookings`, which registers a checker here in its AppConfig.ready():
`checker(user, cohort_ids) -> set of the ids on which user holds a confirmed place`.
"""

_place_checkers = []


def register_place_checker(checker):
    if checker not in _place_checkers:
        _place_checkers.append(checker)


def cohorts_with_joining_details(user, cohorts):
    """The ids of `cohorts` whose joining details `user` may see (cohorts' trainers prefetched)."""
    if not user.is_authenticated:
        return set()
    ids = [c.pk for c in cohorts]
    if user.is_staff:
        return set(ids)
    visible = {c.pk for c in cohorts if any(t.user_id == user.pk for t in c.trainers.all())}
    for checker in _place_checkers:
        visible |= set(checker(user, ids))
    return visible
