"""Messages to a cohort: a trainer picks a template (joining instructions, reminder,
follow-up — `MessageTemplate` rows that staff can edit), adjusts it, chooses everyone or some
of the cohort's learners, sees how many will get it, and sends. Celery sends one email per
recipient; each `MessageRecipient` row records when its email went, so a retried or
duplicated task never emails anyone twice, and the cohort's history says who got what.

Placeholders in a template — {first_name}, {course}, {dates}, {venue}, {joining_details},
{my_learning_url} — are filled in per learner; any other {name} is refused when the message
is written, not discovered when it is sent.
"""
