"""My learning's "Evaluation to do", gathered from the cohorts the dashboard has already read
(learning.selectors.confirmed_places annotates its one places query): no query of its own."""

from django import template

register = template.Library()


@register.filter
def evaluation_to_do(cohorts):
    """{"waves": every DueWave across the learner's cohorts, "consent": whether they have
    given their research choice (so the page offers to change it)}."""
    return {
        "waves": [due for item in cohorts for due in item.evaluation_due],
        "consent": any(item.has_research_choice for item in cohorts),
    }
