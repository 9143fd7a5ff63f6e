"""Calendar feeds: the public feed of events, and each person's feed behind a secret token.

The personal feed is open to other apps: `register_personal_feed_source(fn)`, where `fn(user)` returns
`events.calendars.CalendarItem`s (the B2B meetings of the partnerships app, for instance). Register in the app's
`AppConfig.ready()`. A source must return only what belongs to that user: the feed has no other check.
"""

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.log_actions import log

from events.calendars import CalendarItem, event_item
from events.models import CalendarFeedToken, EventPage, EventType, Registration

# How long past events stay in the public feed, so a subscriber's calendar keeps recent history.
PUBLIC_FEED_PAST_DAYS = 90

PersonalFeedSource = Callable[[object], Iterable[CalendarItem]]
_personal_feed_sources: list[PersonalFeedSource] = []


def register_personal_feed_source(source: PersonalFeedSource) -> None:
    """Add `source(user) -> Iterable[CalendarItem]` to every personal feed (once, whatever the calls)."""
    if source not in _personal_feed_sources:
        _personal_feed_sources.append(source)


def public_feed_events(*, event_type: str | None = None, now: dt.datetime | None = None) -> list[EventPage]:
    """Live public events of the active language's page tree, upcoming and of the last 90 days, soonest first."""
    now = now or timezone.now()
    events = (
        EventPage.objects.live()
        .public()
        .filter(end__gt=now - dt.timedelta(days=PUBLIC_FEED_PAST_DAYS), locale__language_code=_content_language())
        .select_related("calendar_state")
        .order_by("start", "pk")
    )
    if event_type:
        events = events.filter(event_type=event_type)
    return list(events)


def is_event_type(value: str) -> bool:
    return value in EventType.values


def registration_items(user) -> list[CalendarItem]:
    """The events `user` holds a confirmed registration for (as attendee, not those they booked for others)."""
    registrations = (
        Registration.objects.confirmed()
        .filter(user=user, event__live=True)
        .select_related("event__calendar_state")
        .order_by("event__start", "pk")
    )
    seen, items = set(), []
    for registration in registrations:
        if registration.event_id not in seen:
            seen.add(registration.event_id)
            items.append(event_item(registration.event))
    return items


register_personal_feed_source(registration_items)


def personal_feed_items(user) -> list[CalendarItem]:
    """Everything of `user`'s own in their personal feed, from every registered source, by start."""
    items = [item for source in _personal_feed_sources for item in source(user)]
    return sorted(items, key=lambda item: (item.start, item.uid))


def feed_owner(token: str):
    """The user whose personal feed `token` opens, or None (unknown or reset token)."""
    if not token or "\x00" in token:  # PostgreSQL refuses a NUL byte in a query; no token has one
        return None
    found = CalendarFeedToken.objects.filter(token=token).select_related("user").first()
    return found.user if found and found.user.is_active else None


def calendar_feed_token_of(*, user) -> CalendarFeedToken | None:
    """The user's current feed token, if they have made one."""
    return CalendarFeedToken.objects.filter(user=user).first()


def calendar_feed_token_reset(*, user) -> CalendarFeedToken:
    """Give `user` a new personal feed token (the first one, or a replacement: the old address then answers 404)."""
    with transaction.atomic():
        existing = CalendarFeedToken.objects.select_for_update().filter(user=user).first()
        if existing is None:
            feed_token = CalendarFeedToken(user=user)
            action = "events.calendar_feed_create"
        else:
            feed_token = existing
            feed_token.token = CalendarFeedToken._meta.get_field("token").get_default()
            action = "events.calendar_feed_reset"
        feed_token.full_clean()
        feed_token.save()
        log(instance=feed_token, action=action, user=user)
    return feed_token


def _content_language() -> str:
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)
