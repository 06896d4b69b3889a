"""One exception family for bookings, each with the sentence a person is shown."""


class BookingError(Exception):
    message = "Sorry, something went wrong with your booking. Please try again."

    def __init__(self, message=None):
        super().__init__(message or self.message)
        self.message = message or self.message


class CohortFull(BookingError):
    message = "This cohort is full — join the waiting list."


class QueueFirst(CohortFull):
    message = (
        "The free places on this date are being offered to people on its waiting list first. "
        "Join the waiting list, or choose another date."
    )


class CohortNotBookable(BookingError):
    message = "This cohort cannot be booked."


class InvalidPriceTier(BookingError):
    message = "Choose a price for each place from the ones offered for this course."


class Busy(BookingError):
    message = "Lots of people are booking at the moment. Please try again in a few seconds."


class NotSaved(BookingError):
    message = (
        "We could not save your booking just now, so no places are held and you have not been "
        "charged. Please try again in a few minutes."
    )


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


class PaymentUnavailableHoldKept(PaymentUnavailable):
    message = (
        "We could not reach the card payment service, so you have not been charged. Your "
        "places are still held for you: please try again in a few minutes."
    )


class PlacesUnnamed(BookingError):
    message = "Give the name and email address of each person attending before you pay."


# The waiting list and its offers.


class WaitingListClosed(BookingError):
    message = "This date is not taking names for a waiting list."


class CohortHasPlaces(WaitingListClosed):
    message = "This date still has places: book one now instead of joining the waiting list."


class AlreadyWaiting(BookingError):
    message = "You are already on the waiting list for this date. See Your bookings."


class OfferNotOpen(BookingError):
    message = (
        "This offer is no longer open: it was taken up, declined or ran out of time, and the "
        "places have gone to the next person on the waiting list."
    )


class OfferLinkUsed(BookingError):
    message = (
        "This link has already been used. If you took up the places, finish your booking from "
        "Your bookings."
    )


class NotEnoughFreePlaces(BookingError):
    message = "There are not enough free places on this date to offer."


# Discount codes.


class CodeNotValid(BookingError):
    """A discount code that cannot be used on this booking. The form shows the message on the
    discount code field."""

    message = "We do not recognise that code. Check it and try again."


class UnknownCode(CodeNotValid):
    pass


class CodeWithdrawn(CodeNotValid):
    message = "This code is no longer valid."


class CodeNotStarted(CodeNotValid):
    def __init__(self, starts):
        super().__init__(f"This code can be used from {starts:%-d %B %Y}.")


class CodeExpired(CodeNotValid):
    def __init__(self, ended):
        super().__init__(f"This code expired on {ended:%-d %B %Y}.")


class CodeUsedUp(CodeNotValid):
    message = "This code has already been used as many times as it allows."


class CodeNotForCourse(CodeNotValid):
    def __init__(self, course_title):
        super().__init__(f"This code is not valid for {course_title}.")


class CodeNotForPrices(CodeNotValid):
    def __init__(self, tier_names):
        if tier_names:
            prices = " or ".join(f"‘{name}’" for name in tier_names)
            message = f"This code is only valid for the {prices} price. Choose that price, "
        else:
            message = "This code is not valid for the prices of this course. "
        super().__init__(message + "or remove the code.")


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


class InvoicingError(BookingError):
    """Refused by the invoicing rules; `field` names the form field the message belongs to."""

    field = None

    def __init__(self, message=None, field=None):
        super().__init__(message)
        self.field = field or self.field


class AwaitingPO(InvoicingError):
    message = (
        "This booking is waiting for its purchase order number: the invoice is issued once "
        "the number is recorded."
    )


class BadPONumber(InvoicingError):
    field = "po_number"


class CreditTooLarge(InvoicingError):
    field = "amount"
    message = "A credit note cannot be for more than is left on the invoice."


class PaymentRefused(InvoicingError):
    field = "amount"
