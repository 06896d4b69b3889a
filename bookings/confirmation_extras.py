"""What apps downstream add to a place's confirmation email. Bookings cannot import them
(DESIGN.md, the river), so each registers a provider from its AppConfig.ready():
`register_confirmation_extra(provider)`, where `provider(place)` returns a
`ConfirmationExtra` for the place, or None when it has nothing to add.

The extras of a place go in the email its attendee reads: the buyer's confirmation for the
buyer's own place, each colleague's joining instructions for theirs (a link that only the
attendee can open is no use to the person who booked for them).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ConfirmationExtra:
    heading: str  # e.g. "Before the course: answer a few questions"
    text: str
    link_text: str  # says where the link goes, out of context too
    url: str  # absolute: it is read in an email


_providers = []


def register_confirmation_extra(provider):
    if provider not in _providers:
        _providers.append(provider)


def extras_for(place):
    """Each registered provider's extra for the place, in the order they registered."""
    return [extra for provider in _providers if (extra := provider(place)) is not None]
