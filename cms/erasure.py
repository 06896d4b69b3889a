"""Questions the delete-account form asks on behalf of downstream apps.

cms knows no app to its right (DESIGN.md, the river), so an app that needs the learner to
decide something about their erasure registers an `ErasureChoice` in its AppConfig.ready()
(certificates asks whether to keep the learner's certificates verifiable). The form shows
each choice that applies to the user as radios; `erase_account` passes the answers to the
`account_erasing` receivers as `choices={name: value}`, each unanswered one at its default.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ErasureChoice:
    name: str  # the form field's name and the key in `choices`
    question: str  # the radios' legend
    options: tuple  # ((value, label), ...)
    default: str  # the value when the question was not asked (erase_account called directly)
    applies: Callable  # applies(user) -> bool: asked only of users it concerns
    hint: str = ""
    error: str = "Select an answer"


_choices = {}


def register_erasure_choice(choice):
    _choices[choice.name] = choice


def choices_for(user):
    return [c for c in _choices.values() if c.applies(user)]


def with_defaults(answers):
    """Every registered choice's answer: the one given, else its default."""
    return {name: (answers or {}).get(name, c.default) for name, c in _choices.items()}
