"""Events' panels on My space (core.dashboard): seats offered from a waitlist to claim, the events the person is
registered for and the waitlists they are on, then their calendar address. Registered in EventsConfig.ready()."""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

from core.dashboard import ACTION, UPCOMING, Panel, register_panels
from events.models import EventIndexPage
from events.registration_selectors import upcoming_registrations_of, waitlist_entries_of


def _events_index() -> EventIndexPage | None:
    """The events calendar in the visitor's language, else in the site's, for the link of an empty "Coming up"
    (one query)."""
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = settings.LANGUAGE_CODE
    languages = [language, settings.LANGUAGE_CODE]
    pages = EventIndexPage.objects.live().filter(locale__language_code__in=languages).select_related("locale")
    return min(pages.order_by("path")[:10], key=lambda page: languages.index(page.locale.language_code), default=None)


def panels_of(request) -> list[Panel]:
    user = request.user
    entries = waitlist_entries_of(user=user)
    registrations = upcoming_registrations_of(user=user)
    offers = [entry for entry in entries if entry.offer_live]
    waiting = [entry for entry in entries if entry.status == entry.Status.WAITING]
    panels = []
    if offers:
        panels.append(Panel(ACTION, "events/components/dashboard_offers.html", {"offers": offers}, order=10))
    panels.append(
        Panel(
            UPCOMING,
            "events/components/dashboard_upcoming.html",
            {
                "registrations": registrations,
                "waiting": waiting,
                "events_index": None if registrations or waiting else _events_index(),
            },
            order=10,
        )
    )
    panels.append(Panel(UPCOMING, "events/components/my_calendar.html", order=90))
    return panels


def register() -> None:
    register_panels("events", panels_of)
