from .pages import EventIndexPage, EventPage, EventPageQuerySet, EventPartner, EventSession, EventSpeaker, EventType
from .speakers import Speaker

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventPageQuerySet",
    "EventPartner",
    "EventSession",
    "EventSpeaker",
    "EventType",
    "Speaker",
]
