"""The "Events" admin home: every event, upcoming then past, with its counts and the ways into it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from events.admin_selectors import events_listing
from events.admin_views import EVENTS_PER_PAGE
from events.checkin import registration_check_in
from events.models import Registration
from tests.events.staff import log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.members import MemberUserFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

HOME = "events_home:index"
Status = Registration.Status


def rows(html: str) -> list[str]:
    """The event ids of the listing's rows, in order."""
    return re.findall(r'<tr data-event="(\d+)">', html)


def row(html: str, event) -> str:
    return html.split(f'<tr data-event="{event.pk}">', 1)[1].split("</tr>", 1)[0]


def test_every_event_is_listed_upcoming_soonest_first_then_past_latest_first(admin, events_index):
    next_week = EventPageFactory(parent=events_index, days_from_now=7)
    next_month = EventPageFactory(parent=events_index, days_from_now=30)
    last_week = EventPageFactory(parent=events_index, days_from_now=-7)
    last_year = EventPageFactory(parent=events_index, days_from_now=-365)

    response = admin.get(reverse(HOME))

    assert response.status_code == 200
    assert rows(response.text) == [str(e.pk) for e in (next_week, next_month, last_week, last_year)]
    # A heading opens the upcoming events, another the past ones.
    headings = [m.start() for m in re.finditer("data-events-section", response.text)]
    assert len(headings) == 2
    assert headings[1] < response.text.index(f'data-event="{last_week.pk}"')
    assert headings[1] > response.text.index(f'data-event="{next_month.pk}"')


def test_each_event_links_to_its_registrations_check_in_and_badges(admin, events_index, secretariat):
    event = EventPageFactory(parent=events_index, title="Digital Now 2027")
    ticket = TicketTypeFactory(event=event)
    arrived, _ = RegistrationFactory(ticket_type=ticket), RegistrationFactory(ticket_type=ticket)
    RegistrationFactory(ticket_type=ticket, status=Status.CANCELLED)
    RegistrationFactory(ticket_type=ticket, status=Status.RESERVED)
    registration_check_in(registration=arrived, by=secretariat)

    html = row(admin.get(reverse(HOME)).text, event)

    assert "Digital Now 2027" in html
    assert reverse("events_registrations:event", args=[event.pk]) in html
    assert reverse("events:check_in", args=[event.pk]) in html
    assert reverse("events_registrations:badges", args=[event.pk]) in html
    assert "<td data-confirmed>2</td>" in html
    assert "<td data-checked-in>1</td>" in html


def test_an_event_is_listed_once_with_the_registrations_of_all_its_languages(admin, events_index):
    event = EventPageFactory(parent=events_index, title="Forum de l'export")
    english = event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Export forum"
    english.save()
    RegistrationFactory(ticket_type=TicketTypeFactory(event=event))
    RegistrationFactory(ticket_type=TicketTypeFactory(event=english))

    html = admin.get(reverse(HOME)).text

    assert rows(html) == [str(event.pk)]
    assert "<td data-confirmed>2</td>" in row(html, event)


def test_the_search_matches_the_title_in_any_language(admin, events_index):
    event = EventPageFactory(parent=events_index, title="Forum de l'export")
    english = event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Export forum"
    english.save()
    other = EventPageFactory(parent=events_index, title="Rencontre fintech")

    assert rows(admin.get(reverse(HOME), {"q": "export"}).text) == [str(event.pk)]
    assert rows(admin.get(reverse(HOME), {"q": "FINTECH"}).text) == [str(other.pk)]
    assert rows(admin.get(reverse(HOME), {"q": "nothing like it"}).text) == []


def test_the_listing_is_paginated(admin, events_index):
    events = [EventPageFactory(parent=events_index, days_from_now=day) for day in range(1, EVENTS_PER_PAGE + 3)]

    first = admin.get(reverse(HOME))
    second = admin.get(reverse(HOME), {"p": 2})

    assert rows(first.text) == [str(e.pk) for e in events[:EVENTS_PER_PAGE]]
    assert rows(second.text) == [str(e.pk) for e in events[EVENTS_PER_PAGE:]]
    assert "?p=2" in first.text


def test_an_event_without_confirmed_attendees_offers_no_empty_badge_sheet(admin, events_index):
    event = EventPageFactory(parent=events_index)

    html = row(admin.get(reverse(HOME)).text, event)

    assert reverse("events_registrations:badges", args=[event.pk]) not in html
    assert "<td data-confirmed>0</td>" in html


def test_staff_who_may_only_view_registrations_see_no_check_in_link(client, events_index):
    event = EventPageFactory(parent=events_index)
    log_in(client, staff_user("view_registration"))

    response = client.get(reverse(HOME))

    assert response.status_code == 200
    assert reverse("events_registrations:event", args=[event.pk]) in response.text
    assert reverse("events:check_in", args=[event.pk]) not in response.text


def test_the_home_is_the_first_item_of_the_events_menu(admin):
    response = admin.get(reverse("wagtailadmin_home"))

    menu = response.text
    assert reverse(HOME) in menu
    assert menu.index(reverse(HOME)) < menu.index(reverse("events_registrations:index"))


def test_the_menu_item_is_hidden_from_staff_without_the_permission(client):
    log_in(client, staff_user())

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert reverse(HOME) not in response.text


def test_staff_without_the_registration_permissions_are_refused(client, events_index):
    EventPageFactory(parent=events_index, title="Digital Now 2027")
    log_in(client, staff_user())

    response = client.get(reverse(HOME))

    assert response.status_code in (302, 403)
    assert "Digital Now 2027" not in response.content.decode(errors="ignore")


def test_a_member_is_sent_to_log_in(client):
    client.force_login(MemberUserFactory())

    response = client.get(reverse(HOME))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_listing_takes_the_same_queries_for_3_or_15_events(admin, events_index, django_assert_max_num_queries):
    def events_with_people(count: int) -> None:
        for day in range(count):
            event = EventPageFactory(parent=events_index, days_from_now=day - count // 2)
            ticket = TicketTypeFactory(event=event)
            RegistrationFactory(ticket_type=ticket)
            RegistrationFactory(ticket_type=ticket, status=Status.CANCELLED)

    events_with_people(3)
    admin.get(reverse(HOME))  # session, permissions and menu caches warmed
    with django_assert_max_num_queries(100) as three:
        assert len(rows(admin.get(reverse(HOME)).text)) == 3
    events_with_people(12)
    with django_assert_max_num_queries(len(three.captured_queries)) as fifteen:
        assert len(rows(admin.get(reverse(HOME)).text)) == 15

    assert len(fifteen.captured_queries) == len(three.captured_queries)


def test_the_selector_lists_events_and_their_counts_in_one_query(events_index, django_assert_num_queries):
    for day in range(5):
        RegistrationFactory(
            ticket_type=TicketTypeFactory(event=EventPageFactory(parent=events_index, days_from_now=day))
        )

    with django_assert_num_queries(1):
        events = list(events_listing())

    assert [event.confirmed_count for event in events] == [1] * 5
