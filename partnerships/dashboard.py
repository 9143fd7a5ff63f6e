"""The board's panels on My space (core.dashboard): meeting requests to answer, the next B2B meetings, the
conversations with unread messages, and the board card (posts, suggestions). Registered in
PartnershipsConfig.ready()."""

from core.dashboard import ACTION, MESSAGES, UPCOMING, Panel, register_panels
from partnerships import selectors
from partnerships.meetings.selectors import requests_awaiting_answer, upcoming_meetings_of


def panels_of(request) -> list[Panel]:
    user = request.user
    panels = [Panel(MESSAGES, "partnerships/components/dashboard_card.html", order=20)]
    awaiting = requests_awaiting_answer(user=user)
    if awaiting:
        panels.append(
            Panel(ACTION, "partnerships/components/dashboard_requests.html", {"requests": awaiting}, order=40)
        )
    meetings = upcoming_meetings_of(user=user)
    if meetings:
        panels.append(
            Panel(UPCOMING, "partnerships/components/dashboard_meetings.html", {"meetings": meetings}, order=20)
        )
    unread = selectors.unread_summary(user=user)
    if unread is not None:
        panels.append(Panel(MESSAGES, "partnerships/components/dashboard_messages.html", {"unread": unread}, order=10))
    return panels


def register() -> None:
    register_panels("partnerships", panels_of)
