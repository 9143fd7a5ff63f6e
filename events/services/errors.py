from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class RegistrationError(DomainError):
    """A registration rule was broken; `message` is safe to show to the person who tried."""

    message = _("This registration is not possible.")


class RegistrationClosed(RegistrationError):
    message = _("Registration for this event is closed.")


class TicketNotOffered(RegistrationError):
    message = _("This ticket is not offered to you.")


class TicketNotOnSale(RegistrationError):
    message = _("This ticket is not on sale at the moment.")


class MembersOnly(RegistrationError):
    message = _("This event is reserved to people whose company is a current member of the association.")
    status_code = 403


class AlreadyRegistered(RegistrationError):
    message = _("This person is already registered for this event.")
    status_code = 409


class EventFull(RegistrationError):
    """No seat left (the event's capacity or the ticket's quota). `waitlist` says whether one may join the
    waitlist instead."""

    message = _("This event is full.")
    status_code = 409

    def __init__(self, message=None, *, waitlist: bool = False):
        super().__init__(message)
        self.waitlist = waitlist


class InvalidAnswers(RegistrationError):
    """Answers to the event's questions are missing or invalid. `errors` maps question ids to messages."""

    message = _("Please answer the event's questions.")

    def __init__(self, errors: dict[int, str]):
        super().__init__()
        self.errors = errors


class CancellationClosed(RegistrationError):
    message = _("This registration can no longer be cancelled online. Please contact the secretariat.")
    status_code = 403


class NotCancellable(RegistrationError):
    message = _("This registration is already cancelled or expired.")
    status_code = 409


class NotPermitted(RegistrationError):
    message = _("You cannot change this registration.")
    status_code = 403


class WaitlistClosed(RegistrationError):
    message = _("This event has no waitlist.")
    status_code = 409


class AlreadyOnWaitlist(RegistrationError):
    message = _("This person is already on the waitlist.")
    status_code = 409


class OfferExpired(RegistrationError):
    message = _("This offer has expired or was already used.")
    status_code = 410


class InvalidAttendee(RegistrationError):
    message = _("Enter the attendee's name and a valid e-mail address.")
