"""Every write about registrations and the waitlist. Other apps and the admin screens call these."""

from .changes import registration_change_ticket, registration_transfer
from .errors import (
    AlreadyOnWaitlist,
    AlreadyRegistered,
    CancellationClosed,
    EventFull,
    InvalidAnswers,
    InvalidAttendee,
    MembersOnly,
    NotCancellable,
    NotPermitted,
    OfferExpired,
    RegistrationClosed,
    RegistrationError,
    TicketNotOffered,
    TicketNotOnSale,
    WaitlistClosed,
)
from .holds import registrations_remind
from .lifecycle import can_manage, cancellation_deadline, registration_cancel, registrations_expire
from .registrations import TICKET_KIND, registration_create, registration_price
from .waitlist import (
    waitlist_claim,
    waitlist_expire_offers,
    waitlist_join,
    waitlist_leave,
    waitlist_offer_all,
    waitlist_offer_seats,
)

__all__ = [
    "TICKET_KIND",
    "AlreadyOnWaitlist",
    "AlreadyRegistered",
    "CancellationClosed",
    "EventFull",
    "InvalidAnswers",
    "InvalidAttendee",
    "MembersOnly",
    "NotCancellable",
    "NotPermitted",
    "OfferExpired",
    "RegistrationClosed",
    "RegistrationError",
    "TicketNotOffered",
    "TicketNotOnSale",
    "WaitlistClosed",
    "can_manage",
    "cancellation_deadline",
    "registration_cancel",
    "registration_change_ticket",
    "registration_create",
    "registration_price",
    "registration_transfer",
    "registrations_expire",
    "registrations_remind",
    "waitlist_claim",
    "waitlist_expire_offers",
    "waitlist_join",
    "waitlist_leave",
    "waitlist_offer_all",
    "waitlist_offer_seats",
]
