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


class PolicyRefused(BookingError):
    message = "This cannot be changed online now. Contact us and we will help."


class RefundFailed(BookingError):
    message = (
        "We could not reach the card payment service to make the refund, so nothing has been "
        "changed. Please try again in a few minutes."
    )
