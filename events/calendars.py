"""iCalendar files of events: single events, feeds, and each attendee's invitation.

Every event keeps one UID (`event-<pk>@<host>`) in every file, and its SEQUENCE grows each time its times
change (see events.calendar_signals), so a client replaces what it holds instead of adding a copy. Times are
written in the event's own zone, with a VTIMEZONE built from zoneinfo (events.vtimezone).

Other apps add items to the personal feed with `events.feeds.register_personal_feed_source`, giving
`CalendarItem`s; `items_ics` writes any list of them.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from email.utils import parseaddr
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vDuration

from core.mail import default_sender
from events.vtimezone import vtimezone

PRODID = "-//Majlis//Events//EN"
# How often subscribed clients should fetch a feed again.
REFRESH_INTERVAL = dt.timedelta(hours=1)


@dataclass(frozen=True)
class CalendarItem:
    """One VEVENT. `start` and `end` are aware, in the zone the file should show (a ZoneInfo, or UTC)."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    stamp: dt.datetime | None = None
    status: str = "CONFIRMED"
    attendees: tuple[vCalAddress, ...] = field(default=())
    organizer: vCalAddress | None = None


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event) -> str:
    """The UID of an event in every calendar file: stable across files, updates and languages of the page."""
    return f"event-{event.pk}@{site_host()}"


def event_sequence(event) -> int:
    """The event's current iCalendar SEQUENCE (0 until its times are changed after its first publication).

    Reads `event.calendar_state`: select it with the events (`select_related("calendar_state")`) for lists.
    """
    try:
        return event.calendar_state.sequence
    except ObjectDoesNotExist:
        return 0


def event_url(event) -> str:
    """The absolute address of an event page (SITE_URL, not the request's host: files are shared)."""
    parts = event.get_url_parts()
    return settings.SITE_URL + parts[2] if parts else settings.SITE_URL


def event_location(event, *, with_online_link: bool = False) -> str:
    """Venue, address and city in one line; the online link only for the attendee's own invitation."""
    parts = [event.venue_name, event.address, event.city]
    if event.is_online and event.online_url and with_online_link:
        parts.append(event.online_url)
    return ", ".join(part for part in parts if part)


def event_item(event, *, with_online_link: bool = False, stamp: dt.datetime | None = None) -> CalendarItem:
    """The calendar entry of an event, as public feeds and downloads show it (no online link by default)."""
    url = event_url(event)
    description = "\n\n".join(part for part in (event.summary, url) if part)
    if with_online_link and event.is_online and event.online_url:
        description = f"{description}\n\n{event.online_url}"
    zone = ZoneInfo(event.time_zone)
    return CalendarItem(
        uid=event_uid(event),
        start=event.start.astimezone(zone),
        end=event.end.astimezone(zone),
        summary=event.title,
        description=description,
        location=event_location(event, with_online_link=with_online_link),
        url=url,
        sequence=event_sequence(event),
        # The last change of the page; a page created in code, without a revision, has none: its first
        # publication or its start stands in, so that the file (and its ETag) is the same from one request to
        # the next rather than stamped with the current second.
        stamp=stamp
        or event.last_published_at
        or event.latest_revision_created_at
        or event.first_published_at
        or event.start,
    )


def items_ics(items: Iterable[CalendarItem], *, name: str | None = None, method: str | None = None) -> bytes:
    """A VCALENDAR of `items`, with one VTIMEZONE per zone they use, covering all of them plus a margin.

    `name` makes it a subscribable feed (NAME, X-WR-CALNAME, refresh interval); `method` is the iTIP method of an
    invitation (REQUEST, CANCEL, with ORGANIZER and ATTENDEE), or None for a plain file or feed: RFC 5546 wants an
    ORGANIZER in every event of a METHOD:PUBLISH, which public files and feeds do not have.
    """
    items = list(items)
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if method:
        calendar.add("METHOD", method)
    if name:
        calendar.add("NAME", name)
        calendar.add("X-WR-CALNAME", name)
        calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))  # a DURATION ("PT1H"), as Outlook reads it
    for zone_name, (first, last) in sorted(_zone_ranges(items).items()):
        calendar.add_component(vtimezone(zone_name, first, last))
    for item in items:
        calendar.add_component(_vevent(item))
    return calendar.to_ical()


def event_ics(event, *, method: str | None = None) -> bytes:
    """One event as a VCALENDAR: the "download .ics" file of the event page."""
    return items_ics([event_item(event)], method=method)


def events_feed_ics(events, *, name: str) -> bytes:
    """Several events as a subscribable feed (the public feed; the personal feed adds other items)."""
    return items_ics([event_item(event) for event in events], name=name)


def registration_invitation(
    registration, *, cancel: bool = False, attendee_email: str = "", attendee_name: str = ""
) -> bytes:
    """The iTIP invitation of one attendee: METHOD:REQUEST, or METHOD:CANCEL with STATUS:CANCELLED.

    Same UID as every other file of the event and its current SEQUENCE, so a client updates or removes the
    entry the attendee already has. It alone carries the online link. `attendee_email` and `attendee_name`
    address it to someone else than the registration's attendee (the former one, after a transfer).
    """
    event = registration.event
    item = event_item(event, with_online_link=not cancel, stamp=timezone.now())
    attendee = vCalAddress(f"mailto:{attendee_email or registration.attendee_email}")
    attendee.params["CN"] = attendee_name or registration.attendee_name
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = "DECLINED" if cancel else "ACCEPTED"
    attendee.params["RSVP"] = "FALSE"
    item = replace(
        item,
        attendees=(attendee,),
        organizer=organizer_address(),
        status="CANCELLED" if cancel else "CONFIRMED",
    )
    return items_ics([item], method="CANCEL" if cancel else "REQUEST")


def organizer_address() -> vCalAddress:
    """The association as ORGANIZER: the sender of its e-mails (core.mail.default_sender)."""
    display_name, address = parseaddr(default_sender())
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = display_name or settings.WAGTAIL_SITE_NAME
    return organizer


def google_calendar_url(event) -> str:
    """An "add to Google Calendar" link (times in UTC, as Google's template expects)."""
    item = event_item(event)
    query = {
        "action": "TEMPLATE",
        "text": item.summary,
        "dates": f"{_utc_basic(item.start)}/{_utc_basic(item.end)}",
        "details": item.description,
        "location": item.location,
        "ctz": event.time_zone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, *, office: bool = False) -> str:
    """An "add to Outlook" link: Outlook.com, or Microsoft 365 when `office` (times in UTC, ISO 8601)."""
    item = event_item(event)
    host = "outlook.office.com" if office else "outlook.live.com"
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": item.summary,
        "startdt": _utc_iso(item.start),
        "enddt": _utc_iso(item.end),
        "body": item.description,
        "location": item.location,
    }
    return f"https://{host}/calendar/0/action/compose?" + urlencode(query)


def _vevent(item: CalendarItem) -> Event:
    vevent = Event()
    vevent.add("UID", item.uid)
    vevent.add("DTSTAMP", (item.stamp or timezone.now()).astimezone(dt.UTC))
    vevent.add("SEQUENCE", item.sequence)
    vevent.add("DTSTART", item.start)
    vevent.add("DTEND", item.end)
    vevent.add("SUMMARY", item.summary)
    if item.description:
        vevent.add("DESCRIPTION", item.description)
    if item.location:
        vevent.add("LOCATION", item.location)
    if item.url:
        vevent.add("URL", item.url)
    vevent.add("STATUS", item.status)
    if item.organizer is not None:
        vevent.add("ORGANIZER", item.organizer)
    for attendee in item.attendees:
        vevent.add("ATTENDEE", attendee)
    return vevent


def _zone_ranges(items: list[CalendarItem]) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    ranges: dict[str, tuple[dt.datetime, dt.datetime]] = {}
    for item in items:
        zone = getattr(item.start.tzinfo, "key", None)
        if zone is None:
            continue  # UTC times need no VTIMEZONE
        first, last = ranges.get(zone, (item.start, item.end))
        ranges[zone] = (min(first, item.start), max(last, item.end))
    return ranges


def _utc_basic(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _utc_iso(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
