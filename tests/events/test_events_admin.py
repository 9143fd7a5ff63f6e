"""The "Events" admin menu: registrations listing, filters, exports with answers, the dashboard panel, and who may
open any of it."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.admin_panels import UpcomingEventsPanel
from events.checkin import registration_check_in
from events.models import Answer, Question, Registration, WaitlistEntry
from tests.events.staff import REGISTRATION_PERMISSIONS, log_in, staff_user
from tests.factories.accounts import StaffUserFactory
from tests.factories.events import EventPageFactory
from tests.factories.members import MemberUserFactory, OrganisationFactory
from tests.factories.registrations import (
    QuestionFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    TicketTypeFactory,
    WaitlistEntryFactory,
)
from tests.spreadsheets import csv_dicts, xlsx_sheet

pytestmark = pytest.mark.django_db

Status = Registration.Status
INDEX = "events_registrations:index"


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, title="Digital Now 2027")
    RegistrationSettingsFactory(event=event, capacity=4)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name="Pass conférence")


@pytest.fixture
def secretariat():
    return staff_user(*REGISTRATION_PERMISSIONS, "view_waitlistentry")


def listing(admin, **params):
    return admin.get(reverse(INDEX), params)


# --- Listing --------------------------------------------------------------------------------------------------


def test_the_listing_shows_one_event_s_registrations(admin, event, ticket, events_index):
    RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani")
    RegistrationFactory(
        ticket_type=TicketTypeFactory(event=EventPageFactory(parent=events_index)), attendee_name="Autre"
    )

    response = listing(admin, event=event.pk)

    assert response.status_code == 200
    assert "Salma Bennani" in response.text
    assert "Autre" not in response.text


def test_the_listing_filters_the_attendees_who_arrived(admin, ticket, secretariat):
    arrived = RegistrationFactory(ticket_type=ticket, attendee_name="Arrivée Première")
    RegistrationFactory(ticket_type=ticket, attendee_name="Pas Encore")
    registration_check_in(registration=arrived, by=secretariat)

    response = listing(admin, checked_in="true")

    assert "Arrivée Première" in response.text
    assert "Pas Encore" not in response.text


def test_the_listing_filters_by_status_and_ticket(admin, event, ticket):
    other_ticket = TicketTypeFactory(event=event, name="Atelier")
    RegistrationFactory(ticket_type=ticket, attendee_name="Confirmée Conférence")
    RegistrationFactory(ticket_type=ticket, attendee_name="Annulée Conférence", status=Status.CANCELLED)
    RegistrationFactory(ticket_type=other_ticket, attendee_name="Confirmée Atelier")

    response = listing(admin, event=event.pk, status="confirmed", ticket_type=ticket.pk)

    assert "Confirmée Conférence" in response.text
    assert "Annulée Conférence" not in response.text
    assert "Confirmée Atelier" not in response.text


def test_the_listing_finds_people_by_company(admin, ticket):
    company = OrganisationFactory(legal_name="Atlas Logiciels SARL")
    RegistrationFactory(ticket_type=ticket, attendee_name="Chez Atlas", organisation=company)
    RegistrationFactory(ticket_type=ticket, attendee_name="Ailleurs", company_name="Sahara Data")

    response = listing(admin, q="Atlas")

    assert "Chez Atlas" in response.text
    assert "Ailleurs" not in response.text


# --- Exports --------------------------------------------------------------------------------------------------


@pytest.fixture
def answered(event, ticket):
    diet = QuestionFactory(event=event, label="Régime alimentaire", sort_order=1)
    parking = QuestionFactory(event=event, label="Parking ?", kind=Question.Kind.YES_NO, sort_order=2)
    registration = RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani", company_name="Sahara Data")
    Answer.objects.create(registration=registration, question=diet, value="Végétarien")
    Answer.objects.create(registration=registration, question=parking, value="yes")
    RegistrationFactory(ticket_type=ticket, attendee_name="Sans Réponse")
    return registration


def test_the_csv_export_has_a_column_for_each_question(admin, event, answered):
    response = listing(admin, event=event.pk, export="csv")

    assert response.status_code == 200
    rows = csv_dicts(response)
    by_name = {row[next(iter(row))]: row for row in rows}
    assert by_name["Salma Bennani"]["Régime alimentaire"] == "Végétarien"
    assert by_name["Salma Bennani"]["Parking ?"] in {"Yes", "Oui"}
    assert by_name["Salma Bennani"][list(rows[0])[2]] == "Sahara Data"
    assert by_name["Sans Réponse"]["Régime alimentaire"] == ""


def test_the_xlsx_export_has_the_answers_too(admin, event, answered):
    response = listing(admin, event=event.pk, export="xlsx")

    sheet = xlsx_sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    headings = rows[0]
    salma = next(row for row in rows if row[0] == "Salma Bennani")
    assert salma[headings.index("Régime alimentaire")] == "Végétarien"
    assert answered.code in salma


# --- Event overview and dashboard -------------------------------------------------------------------------------


def test_the_event_overview_shows_seats_and_actions(admin, event, ticket):
    RegistrationFactory(ticket_type=ticket)
    RegistrationFactory(ticket_type=ticket, status=Status.RESERVED)

    response = admin.get(reverse("events_registrations:event", args=[event.pk]))

    assert response.status_code == 200
    assert "1 / 4" in response.text
    assert "(25 %)" in response.text
    assert reverse("events_registrations:message", args=[event.pk]) in response.text
    assert reverse("events:check_in", args=[event.pk]) in response.text


def test_an_event_s_admin_page_links_to_its_registrations(client, event):
    log_in(client, StaffUserFactory())

    response = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))

    assert reverse("events_registrations:event", args=[event.pk]) in response.text


def render_panel(user) -> str:
    request = RequestFactory().get("/admin/")
    request.user = user
    return UpcomingEventsPanel().render_html({"request": request})


def test_the_dashboard_shows_fill_rate_and_waitlist_of_upcoming_events(event, ticket, secretariat):
    for _ in range(3):
        RegistrationFactory(ticket_type=ticket)
    WaitlistEntryFactory(event=event)

    html = render_panel(secretariat)

    assert "Digital Now 2027" in html
    assert "3 / 4" in html
    assert "75 %" in html
    assert f"{reverse('events_waitlist:index')}?event={event.pk}" in html


def test_the_dashboard_panel_takes_the_same_queries_for_one_or_many_events(events_index, secretariat):
    def event_with_people():
        event = EventPageFactory(parent=events_index)
        RegistrationSettingsFactory(event=event, capacity=10)
        RegistrationFactory(ticket_type=TicketTypeFactory(event=event))
        WaitlistEntryFactory(event=event)

    event_with_people()
    with CaptureQueriesContext(connection) as one:
        render_panel(secretariat)
    for _ in range(4):
        event_with_people()
    with CaptureQueriesContext(connection) as five:
        html = render_panel(secretariat)

    assert html.count("data-event=") == 5
    assert len(five) == len(one)


def test_the_dashboard_panel_is_not_shown_to_staff_without_the_permission(client):
    log_in(client, staff_user())

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert "events-panel-title" not in response.text


def test_the_waitlist_lists_the_people_waiting_for_an_event(admin, event):
    WaitlistEntryFactory(event=event, name="Karim Tazi")
    WaitlistEntryFactory(event=event, name="Parti Déjà", status=WaitlistEntry.Status.LEFT)

    response = admin.get(reverse("events_waitlist:index"), {"event": event.pk})

    assert response.status_code == 200
    assert "Karim Tazi" in response.text
    assert "Parti Déjà" not in response.text


# --- Who may open the menu ------------------------------------------------------------------------------------


def admin_urls(event, registration) -> list[str]:
    return [
        reverse("events_home:index"),
        reverse(INDEX),
        reverse(INDEX) + f"?event={event.pk}&export=csv",
        reverse("events_registrations:add") + f"?event={event.pk}",
        reverse("events_registrations:edit", args=[registration.pk]),
        reverse("events_registrations:event", args=[event.pk]),
        reverse("events_registrations:message", args=[event.pk]),
        reverse("events_registrations:badges", args=[event.pk]),
        reverse("events_waitlist:index"),
        reverse("events_ticket_types:index"),
        reverse("events_registration_settings:index"),
    ]


def test_a_member_cannot_open_any_events_admin_page(client, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani")
    client.force_login(MemberUserFactory())

    for url in admin_urls(event, registration):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"], url


def test_staff_without_the_registration_permissions_cannot_open_them(client, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani")
    log_in(client, staff_user())

    for url in admin_urls(event, registration):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Salma Bennani" not in response.content.decode(errors="ignore"), url


def test_staff_who_may_only_view_cannot_change_a_registration(client, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    log_in(client, staff_user("view_registration", "access_admin"))

    response = client.post(
        reverse("events_registrations:edit", args=[registration.pk]), {"action": "cancel", "cancel-refund": "rule"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
