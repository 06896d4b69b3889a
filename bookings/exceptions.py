"""One exception family for bookings, each with the sentence a person is shown."""


class BookingError(Exception):
    message = "Sorry, something went wrong with your booking. Please try again."

    def __init__(self, message=None):
        super().__init__(message or self.message)
        self.message = message or self.message


class CohortFull(BookingError):
    message = "This cohort is full — join the waiting list."


class CohortNotBookable(BookingError):
    message = "This cohort cannot be booked."


class InvalidPriceTier(BookingError):
    message = "Choose a price for each place from the ones offered for this course."


class Busy(BookingError):
    message = "Lots of people are booking at the moment. Please try again in a few seconds."


class HoldExpired(BookingError):
    message = (
        "Your places were held for 30 minutes and the time ran out, so they have been released. "
        "Start your booking again."
    )


class PaymentUnavailable(BookingError):
    message = (
        "We could not reach the card payment service, so your places have been released and "
        "you have not been charged. Please try again in a few minutes."
    )


class PassOnNotAllowed(BookingError):
    message = "Only the person who booked, the organisation's managers or staff can do that."


class PlaceNotPassable(BookingError):
    message = "Only a confirmed or held place can be passed on."


class NotForOrganisation(PlaceNotPassable):
    message = "Only a place booked for an organisation can be passed on to a colleague."


class CohortStarted(PlaceNotPassable):
    message = "The course has started, so this place can no longer be passed on."


class AlreadyAttending(BookingError):
    message = "This person already has a place on these dates."


class OutsideOrganisation(BookingError):
    def __init__(self, organisation):
        domains = " or ".join(f"@{d}" for d in organisation.domains)
        if domains:
            message = (
                f"Enter an email address ending in {domains}: the new attendee must work "
                f"for {organisation.name}."
            )
        else:
            message = (
                f"We have no email domains for {organisation.name}, so we cannot check that "
                "the new attendee works there. Contact us to pass the place on."
            )
        super().__init__(message)
