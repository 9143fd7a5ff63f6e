from .calendar import CalendarFeedToken, EventCalendarState  # noqa: F401
from .pages import EventIndexPage, EventPage, EventPageQuerySet, EventPartner, EventSession, EventSpeaker, EventType
from .registrations import (
    Answer,
    Question,
    RefundRule,
    Registration,
    RegistrationQuerySet,
    RegistrationSettings,
    TicketType,
    WaitlistEntry,
)
from .speakers import Speaker

__all__ = [
    "Answer",
    "EventIndexPage",
    "EventPage",
    "EventPageQuerySet",
    "EventPartner",
    "EventSession",
    "EventSpeaker",
    "EventType",
    "Question",
    "RefundRule",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationSettings",
    "Speaker",
    "TicketType",
    "WaitlistEntry",
]
