"""What is offered, and when: the course catalogue and its cohorts.

Owns ``CourseIndexPage``, ``CoursePage`` (outcomes, audience, format, CPD hours, price
tiers, cancellation policy), ``Cohort`` (one scheduled run), ``CohortSession`` (each live
day or session) and ``PriceTier``. Imports only from ``cms``.
"""
