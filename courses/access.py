"""Who may see a cohort's online joining details: its booked learners, trainers and staff.

Places live downstream in `bookings`, which registers a checker here in its AppConfig.ready():
`checker(user, cohort_ids) -> set of the ids on which user holds a confirmed place`.
"""

_place_checkers = []


def register_place_checker(checker):
    if checker not in _place_checkers:
        _place_checkers.append(checker)


def cohorts_with_joining_details(user, cohorts, confirmed=()):
    """The ids of `cohorts` whose joining details `user` may see (the trainers of those not in
    `confirmed` prefetched).
    `confirmed`: ids of cohorts the caller has just read the user's confirmed place on (My
    learning), so that the checkers are not asked about them again."""
    if not user.is_authenticated:
        return set()
    ids = [c.pk for c in cohorts]
    if user.is_staff:
        return set(ids)
    # The confirmed cohorts first, so that a page listing only those (My learning) need not
    # read their trainers.
    visible = set(confirmed) & set(ids)
    visible |= {
        c.pk
        for c in cohorts
        if c.pk not in visible and any(t.user_id == user.pk for t in c.trainers.all())
    }
    rest = [pk for pk in ids if pk not in visible]
    for checker in _place_checkers if rest else ():
        visible |= set(checker(user, rest))
    return visible
