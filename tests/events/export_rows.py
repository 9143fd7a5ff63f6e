"""The events app's exporting listings, and how to put a row in each (see tests.spreadsheets)."""

import datetime as dt

from core.models import RecomputedTime
from tests.factories.events import SpeakerFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory, WaitlistEntryFactory
from tests.spreadsheets import HOSTILE, Listing


def recomputed_time(index: int) -> RecomputedTime:
    return RecomputedTime.objects.create(
        tzdata="2026f",
        kind="event",
        object_id=index + 1,
        label=f"Événement {index}",
        time_zone="Africa/Casablanca",
        wall_clock=dt.datetime(2027, 2, 10, 9, 0),
        old=dt.datetime(2027, 2, 10, 8, tzinfo=dt.UTC),
        new=dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC),
    )


LISTINGS = [
    Listing("events_registrations:index", lambda index: RegistrationFactory(company_name=HOSTILE[index])),
    Listing("events_waitlist:index", lambda index: WaitlistEntryFactory()),
    Listing("events_ticket_types:index", lambda index: TicketTypeFactory()),
    Listing("wagtailsnippets_events_speaker:list", lambda index: SpeakerFactory()),
    # "Was" and "Now" are compared across a change of the zone data: the report keeps them in UTC.
    Listing("events_recomputed_times", recomputed_time, utc_columns=("old", "new")),
]
