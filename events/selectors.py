"""Reads about events that pages and other apps use."""

import datetime as dt
import math
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Min, Prefetch
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model

from core.i18n import with_content_language
from core.roles import works_in_back_office
from events.forms import EventFilterForm
from events.models import EventIndexPage, EventPage, EventPageQuerySet, Speaker
from events.registration_selectors import registration_panel

# The rendition the event card shows; prefetched with the events so a listing costs the same whatever its length.
EVENT_CARD_RENDITION = "fill-640x360"
EVENTS_PER_PAGE = 12


def _for_cards(queryset: EventPageQuerySet) -> EventPageQuerySet:
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=EVENT_CARD_RENDITION)
    # The card marks the title and summary of a French event shown under /en/ or /ar/ (an alias) as French.
    return (
        with_content_language(queryset.live())
        .public()
        .select_related("hero_image")
        .prefetch_related(Prefetch("hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions"))
    )


def attach_parent_events(events: Iterable[EventPage]) -> list[EventPage]:
    """Set `parent_event` on each event with one query, instead of one per card."""
    events = list(events)
    steplen = EventPage.steplen
    parent_paths = {event.path[:-steplen] for event in events}
    parents = {parent.path: parent for parent in EventPage.objects.filter(path__in=parent_paths)} if events else {}
    for event in events:
        event.__dict__["parent_event"] = parents.get(event.path[:-steplen])
    return events


def _in_active_language(queryset: EventPageQuerySet) -> EventPageQuerySet:
    # Every page exists once per language tree (the other languages hold aliases or translations).
    try:
        language_code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return queryset.filter(locale__language_code=language_code)


def upcoming_events(*, limit: int | None = None) -> list[EventPage]:
    """Live, public events not yet over, in the active language's page tree, soonest first.

    Ready for `events/components/event_card.html`: the card's rendition and `parent_event` cost no further query.
    """
    events = _for_cards(_in_active_language(EventPage.objects.upcoming()))
    return attach_parent_events(events[:limit] if limit else events)


def past_events(*, limit: int | None = None) -> list[EventPage]:
    """Live, public events that are over, in the active language's page tree, most recent first, for the card."""
    events = _for_cards(_in_active_language(EventPage.objects.past()))
    return attach_parent_events(events[:limit] if limit else events)


def event_listing(*, index: EventIndexPage, params: Mapping) -> dict:
    """The events calendar below `index`: its filter form, one page of events, the months that have events."""
    form = EventFilterForm(params)
    filters = form.filters()
    events = EventPage.objects.descendant_of(index)
    events = events.past() if filters["past"] else events.upcoming()
    # The months are read off the UTC instants here, in Python: the database's own zone data may be stale.
    months = {
        timezone.localtime(start).date().replace(day=1)
        for start in events.live().public().values_list("start", flat=True)
    }
    if filters["event_type"]:
        events = events.filter(event_type=filters["event_type"])
    if filters["month"]:
        events = events.in_month(*filters["month"])

    paginator = Paginator(_for_cards(events), EVENTS_PER_PAGE)
    page_obj = paginator.get_page(params.get("page"))
    return {
        "filter_form": form,
        "showing_past": filters["past"],
        "month_options": _month_options(months, filters["month"], descending=filters["past"]),
        "events": attach_parent_events(page_obj.object_list),
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number),
    }


def event_listing_cache_seconds(*, index: EventIndexPage) -> int | None:
    """How long the calendar below `index` stays true: until its next upcoming event ends (it then moves from the
    upcoming to the past events), or None when none is upcoming."""
    end = EventPage.objects.descendant_of(index).upcoming().live().public().aggregate(first=Min("end"))["first"]
    return None if end is None else max(0, math.ceil((end - timezone.now()).total_seconds()))


def _month_options(months, selected: tuple[int, int] | None, *, descending: bool) -> list[dict]:
    options = {month.strftime("%Y-%m"): month for month in months}
    if selected:
        # A month typed in the address still shows as chosen, even with no event in it.
        options.setdefault("{:04d}-{:02d}".format(*selected), dt.date(*selected, 1))
    chosen = "{:04d}-{:02d}".format(*selected) if selected else ""
    return [
        {"value": value, "date": day, "selected": value == chosen}
        for value, day in sorted(options.items(), reverse=descending)
    ]


def event_page_details(*, event: EventPage, user) -> dict:
    """What an event page shows besides its own fields; `user` decides whether the online link is visible
    (the secretariat and the event's confirmed attendees) and what the registration box offers.

    Reads through the page's relations (not fresh queries) so that previews of unsaved changes show them too.
    """
    panel = registration_panel(event=event, user=user) if event.pk else None

    def side_meetings():
        meetings = list(_for_cards(EventPage.objects.child_of(event)).order_by("start", "pk"))
        for meeting in meetings:
            meeting.__dict__["parent_event"] = event
        return meetings

    # Lazy, like the querysets beside them: the page's cached fragment reads them only when it is rendered.
    return {
        "speakers": SimpleLazyObject(
            lambda: [item.speaker for item in event.event_speakers.all().select_related("speaker__photo")]
        ),
        "sessions": event.sessions.all().prefetch_related(
            Prefetch("speakers", queryset=Speaker.objects.select_related("photo"))
        ),
        "partners": event.partners.all().select_related("logo"),
        "side_meetings": SimpleLazyObject(side_meetings),
        "show_online_link": bool(event.online_url)
        and user.is_authenticated
        and (works_in_back_office(user) or (panel is not None and _confirmed(panel.registration))),
        "registration_panel": panel,
    }


def _confirmed(registration) -> bool:
    return registration is not None and registration.status == registration.Status.CONFIRMED
