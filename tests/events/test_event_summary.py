"""The event at a glance, at the top of the event page: when, where, the prices and what to do next, before the
programme (a phone shows it first; the browser check is in tests/e2e/test_phone_width.py)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from payments.amounts import format_amount
from tests.events.i18n import fr
from tests.factories.events import EventPageFactory, EventSessionFactory
from tests.factories.registrations import RegistrationFactory, RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    event = EventPageFactory(
        parent=events_index,
        venue_name="Palais des congrès",
        city="Casablanca",
        start_date=dt.date(2027, 2, 20),
        start_time=dt.time(9, 0),
        end_date=dt.date(2027, 2, 20),
        end_time=dt.time(18, 0),
    )
    EventSessionFactory(page=event, date=event.start_date, title="Ouverture : le numérique marocain en 2026")
    return event


def summary_of(response) -> tuple[BeautifulSoup, BeautifulSoup]:
    page = BeautifulSoup(response.text, "html.parser")
    return page, page.select_one(".event-summary")


def test_summary_shows_date_place_prices_and_the_register_button_before_the_programme(client, event):
    RegistrationSettingsFactory(event=event, capacity=100)
    TicketTypeFactory(event=event, member_price=0, non_member_price=150_000)
    TicketTypeFactory(event=event, member_price=50_000, non_member_price=250_000)

    page, summary = summary_of(client.get(event.url))

    text = summary.get_text(" ", strip=True)
    assert "samedi 20 février 2027 à 09:00" in text
    assert "Palais des congrès" in text
    assert fr("Members:") in text and fr("Non-members:") in text
    assert format_amount(0) in text and format_amount(50_000) in text
    assert format_amount(150_000) in text and format_amount(250_000) in text
    button = summary.select_one("a.button--primary")
    assert button["href"] == reverse("events:register", args=[event.pk])
    assert button.get_text(strip=True) == fr("Register")
    # Before the programme in the page, so a phone shows it first.
    programme = page.find(id="programme-heading")
    assert programme is not None
    assert summary in programme.find_all_previous("section")


def test_one_price_per_group_is_shown_as_it_is_and_free_when_nothing_to_pay(client, event):
    RegistrationSettingsFactory(event=event)
    TicketTypeFactory(event=event, member_price=0, non_member_price=150_000)

    _, summary = summary_of(client.get(event.url))

    prices = summary.select_one(".event-summary__prices").get_text(" ", strip=True)
    assert fr("free") in prices
    assert format_amount(150_000) in prices
    assert prices.count("MAD") == 1  # no range for one ticket


def test_a_free_event_says_free(client, event):
    RegistrationSettingsFactory(event=event)
    TicketTypeFactory(event=event, member_price=0, non_member_price=0)

    _, summary = summary_of(client.get(event.url))

    assert summary.select_one(".event-summary__prices").get_text(strip=True) == fr("Free")


def test_a_full_event_offers_the_waitlist(client, event):
    RegistrationSettingsFactory(event=event, capacity=1, waitlist_enabled=True)
    ticket = TicketTypeFactory(event=event)
    RegistrationFactory(ticket_type=ticket)

    _, summary = summary_of(client.get(event.url))

    button = summary.select_one("a.button--primary")
    assert button.get_text(strip=True) == fr("Full: join the waitlist")
    assert button["href"] == reverse("events:register", args=[event.pk])


def test_closed_registration_says_so_without_a_button(client, event):
    RegistrationSettingsFactory(event=event, is_open=False)
    TicketTypeFactory(event=event)

    _, summary = summary_of(client.get(event.url))

    assert fr("Registration is closed.") in summary.get_text()
    assert summary.select_one("a.button--primary") is None


def test_a_registered_person_is_sent_to_their_registration(client, event, member_user):
    RegistrationSettingsFactory(event=event)
    registration = RegistrationFactory(
        ticket_type=TicketTypeFactory(event=event), user=member_user, attendee_email=member_user.email
    )
    client.force_login(member_user)

    _, summary = summary_of(client.get(event.url))

    assert fr("You are registered.") in summary.get_text()
    link = summary.select_one(f'a[href="{reverse("events:registration_detail", args=[registration.code])}"]')
    assert link is not None


def test_an_event_without_online_registration_shows_no_price_and_no_button(client, event):
    _, summary = summary_of(client.get(event.url))

    assert "Palais des congrès" in summary.get_text()
    assert summary.select_one(".event-summary__prices") is None
    assert summary.select_one(".event-summary__action") is None


def test_a_members_only_event_asks_a_visitor_to_log_in(client, event):
    event.members_only = True
    event.save_revision().publish()
    RegistrationSettingsFactory(event=event)
    TicketTypeFactory(event=event, member_price=0, non_member_price=None)

    _, summary = summary_of(client.get(event.url))

    assert fr("Registration is reserved to people whose company is a current member.") in summary.get_text()
    button = summary.select_one("a.button--primary")
    assert button.get_text(strip=True) == fr("Log in to register")
    assert button["href"].startswith(reverse("account_login"))
    prices = summary.select_one(".event-summary__prices").get_text(" ", strip=True)
    assert fr("not offered") in prices
