"""When an event's times change on publication: bump its iCalendar SEQUENCE and tell its attendees.

Connected in EventsConfig.ready(). Drafts change nothing: only what is published reaches calendars.
"""

from django.db import transaction
from wagtail.log_actions import log

from events.emails import send_event_updated
from events.models import EventCalendarState, EventPage


def event_calendar_state_sync(*, event: EventPage, user=None) -> bool:
    """Record the times `event` is published with; when they differ from the last published ones, bump the
    sequence and queue the update e-mail to every confirmed attendee. Returns whether the times changed.

    The first publication only records the times (nobody holds the event yet).
    """
    if event.start is None or event.end is None:
        return False
    with transaction.atomic():
        state, created = EventCalendarState.objects.select_for_update().get_or_create(
            event=event, defaults={"published_start": event.start, "published_end": event.end}
        )
        if created or (state.published_start, state.published_end) == (event.start, event.end):
            return False
        state.sequence += 1
        state.published_start, state.published_end = event.start, event.end
        state.full_clean()
        state.save()
        log(instance=event, action="events.event_reschedule", user=user, data={"sequence": state.sequence})
        event_id = event.pk
        transaction.on_commit(lambda: send_event_updated.enqueue(event_id))
    # The page may hold the previous state in its relation cache.
    event._state.fields_cache.pop("calendar_state", None)
    return True


def on_page_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, EventPage):
        event_calendar_state_sync(event=instance, user=getattr(revision, "user", None))
