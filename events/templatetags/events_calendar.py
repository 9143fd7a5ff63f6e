"""Calendar links for templates: "add to calendar" on an event page, the public feed, the personal feed."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import reverse

from events.calendars import google_calendar_url, outlook_calendar_url
from events.feeds import calendar_feed_token_of, is_event_type

register = template.Library()


def webcal(url: str) -> str:
    """The same address with the webcal:// scheme, which opens the subscription dialog of calendar clients."""
    return urlunsplit(("webcal", *urlsplit(url)[1:]))


@register.simple_tag
def add_to_calendar_links(event) -> dict:
    """Links to put `event` in a calendar: the .ics file, Google Calendar, Outlook.com, Microsoft 365."""
    return {
        "ics": reverse("events:event_ics", kwargs={"pk": event.pk}),
        "google": google_calendar_url(event),
        "outlook": outlook_calendar_url(event),
        "office": outlook_calendar_url(event, office=True),
    }


@register.simple_tag
def public_feed_links(event_type: str = "") -> dict:
    """The public feed's addresses (https and webcal), for one type of event when `event_type` is a known one."""
    url = settings.SITE_URL + reverse("events:calendar_feed")
    if event_type and is_event_type(event_type):
        url += f"?type={event_type}"
    return {"https": url, "webcal": webcal(url)}


@register.simple_tag
def personal_feed_links(user) -> dict | None:
    """The user's personal feed addresses, or None until they have asked for one."""
    feed_token = calendar_feed_token_of(user=user) if user.is_authenticated else None
    if feed_token is None:
        return None
    url = settings.SITE_URL + reverse("events:personal_calendar_feed", kwargs={"token": feed_token.token})
    return {"https": url, "webcal": webcal(url)}
