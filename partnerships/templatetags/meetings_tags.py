"""Template tags of the B2B meetings (`{% load meetings_tags %}`), apart from the board's partnerships_tags."""

from django import template

from partnerships.meetings.selectors import session_for_event

register = template.Library()


@register.simple_tag
def brokerage_session(event):
    """The event's B2B meetings session, when the secretariat opened one (for a link on the event page)."""
    session = session_for_event(event) if getattr(event, "pk", None) else None
    return session if session is not None and session.is_open else None
