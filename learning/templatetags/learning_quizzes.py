"""The quiz block's link to the learner's standing, which the module view works out for all
of the module's quizzes at once."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def quiz_state(context, quiz):
    """The QuizState of `quiz` in the page being shown, or None (a preview, a trainer)."""
    page = context.get("page")
    states = context.get("quiz_states") or {}
    return states.get((getattr(page, "pk", None), getattr(quiz, "pk", None)))


@register.filter
def percent_of(attempt):
    return f"{attempt.percent}%" if attempt and attempt.percent is not None else ""
