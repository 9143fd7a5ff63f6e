"""The secretariat's actions from the "Events" menu: manual registration, another ticket or person, cancel,
mark present, tickets and settings (the message to attendees: test_attendee_messages)."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext, override

from events.models import EventPage, Registration, TicketType, WaitlistEntry
from events.services import registration_create
from payments.models import Order
from tests.events.i18n import fr, fr_html
from tests.events.staff import REGISTRATION_PERMISSIONS, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.registrations import (
    QuestionFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    TicketTypeFactory,
    WaitlistEntryFactory,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, title="Forum inter-clusters")
    RegistrationSettingsFactory(event=event, capacity=3, is_open=False)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name="Pass journée", member_price=0, non_member_price=0)


@pytest.fixture
def secretariat():
    return staff_user(
        *REGISTRATION_PERMISSIONS,
        "add_tickettype",
        "change_tickettype",
        "view_tickettype",
        "change_registrationsettings",
        "view_registrationsettings",
    )


def add_url(event):
    return reverse("events_registrations:add") + f"?event={event.pk}"


def manage_url(registration):
    return reverse("events_registrations:edit", args=[registration.pk])


# --- Manual registration ----------------------------------------------------------------------------------------


def test_registering_someone_starts_with_choosing_the_event(admin, event):
    response = admin.get(reverse("events_registrations:add"))

    assert response.status_code == 200
    assert f'value="{event.pk}"' in response.text


def test_the_secretariat_registers_someone_on_a_closed_event(admin, event, ticket, secretariat):
    QuestionFactory(event=event, label="Régime alimentaire", required=True)
    question = event.questions.get()

    response = admin.post(
        add_url(event),
        {
            "ticket_type": ticket.pk,
            "attendee_name": "Karim Tazi",
            "attendee_email": "karim@sahara-data.ma",
            "company_name": "Sahara Data",
            "language": "fr",
            f"q_{question.pk}": "Sans gluten",
        },
    )

    registration = Registration.objects.get(attendee_email="karim@sahara-data.ma")
    assert response.status_code == 302
    assert response["Location"] == manage_url(registration)
    assert registration.status == Status.CONFIRMED
    assert registration.registered_by == secretariat
    assert registration.answers.get().value == "Sans gluten"
    assert registration.user.email == "karim@sahara-data.ma"


def test_a_full_event_refuses_the_manual_registration_and_keeps_what_was_typed(admin, event, ticket):
    for _ in range(3):
        RegistrationFactory(ticket_type=ticket)

    response = admin.post(
        add_url(event),
        {
            "ticket_type": ticket.pk,
            "attendee_name": "Karim Tazi",
            "attendee_email": "karim@sahara.ma",
            "language": "fr",
        },
    )

    assert response.status_code == 409
    assert 'value="Karim Tazi"' in response.text
    assert not Registration.objects.filter(attendee_email="karim@sahara.ma").exists()


def test_a_missing_required_answer_is_asked_for(admin, event, ticket):
    QuestionFactory(event=event, required=True)

    response = admin.post(
        add_url(event),
        {
            "ticket_type": ticket.pk,
            "attendee_name": "Karim Tazi",
            "attendee_email": "karim@sahara.ma",
            "language": "fr",
        },
    )

    assert response.status_code == 400
    assert not Registration.objects.exists()


# --- One registration's actions ---------------------------------------------------------------------------------


def test_changing_the_ticket(admin, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    workshop = TicketTypeFactory(event=event, name="Atelier")

    response = admin.post(manage_url(registration), {"action": "change_ticket", "ticket-ticket_type": workshop.pk})

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.ticket_type == workshop


def test_giving_the_place_to_someone_else_changes_the_ticket_code(admin, ticket):
    registration = RegistrationFactory(ticket_type=ticket, attendee_name="Ancien Participant")
    old_code = registration.code

    response = admin.post(
        manage_url(registration),
        {
            "action": "transfer",
            "transfer-attendee_name": "Nouvelle Participante",
            "transfer-attendee_email": "nouvelle@atlas.ma",
            "transfer-language": "ar",
        },
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.attendee_name, registration.attendee_email) == ("Nouvelle Participante", "nouvelle@atlas.ma")
    assert registration.code != old_code


def test_giving_the_place_to_someone_already_registered_is_refused(admin, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    other = RegistrationFactory(ticket_type=ticket)

    response = admin.post(
        manage_url(registration),
        {
            "action": "transfer",
            "transfer-attendee_name": "Doublon",
            "transfer-attendee_email": other.attendee_email,
            "transfer-language": "fr",
        },
    )

    assert response.status_code == 409
    assert 'value="Doublon"' in response.text


def test_cancelling_frees_the_seat_for_the_waitlist(admin, event, ticket):
    registrations = [RegistrationFactory(ticket_type=ticket) for _ in range(3)]
    waiting = WaitlistEntryFactory(event=event)

    response = admin.post(manage_url(registrations[0]), {"action": "cancel"})

    assert response.status_code == 302
    registrations[0].refresh_from_db()
    waiting.refresh_from_db()
    assert registrations[0].status == Status.CANCELLED
    assert waiting.status == WaitlistEntry.Status.OFFERED


def test_cancelling_a_confirmed_registration_emails_the_attendee_a_calendar_cancellation(
    admin, ticket, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(ticket_type=ticket, attendee_email="salma@atlas.ma", language="en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(manage_url(registration), {"action": "cancel"})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["salma@atlas.ma"]
    assert message.subject == f"Your registration is cancelled: {registration.event.title}"
    assert "METHOD:CANCEL" in next(content for content, mimetype in message.alternatives if mimetype == "text/calendar")
    page = admin.get(response["Location"]).text
    assert fr_html("The registration is cancelled; %(email)s is told by e-mail.", email="salma@atlas.ma") in page


@pytest.fixture
def reservation(event):
    """Karim's place awaiting payment of its order (a paid ticket), his e-mails in Arabic."""
    paid = TicketTypeFactory(event=event, name="Pass exposant", member_price=50_000, non_member_price=50_000)
    registration = registration_create(
        event=event,
        ticket_type=paid,
        attendee_name="Karim Tazi",
        attendee_email="karim@sahara.ma",
        language="ar",
        by_secretariat=True,
    )
    assert registration.status == Status.RESERVED
    return registration


def test_the_cancel_form_of_a_reservation_says_the_attendee_is_told(admin, reservation):
    page = admin.get(manage_url(reservation)).text

    assert (
        fr(
            "The reservation awaiting payment ends and its seat goes to the next person on the waitlist, if anyone is "
            "waiting."
        )
        in page
    )
    assert (
        fr(
            "The attendee is told by e-mail (%(email)s), in the language of their registration.",
            email="karim@sahara.ma",
        )
        in page
    )


def test_cancelling_an_unpaid_reservation_emails_the_attendee_in_their_language(
    admin, reservation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(manage_url(reservation), {"action": "cancel"})

    assert response.status_code == 302
    reservation.refresh_from_db()
    reservation.order.refresh_from_db()
    assert reservation.status == Status.CANCELLED
    assert reservation.order.status == Order.Status.CANCELLED
    # One e-mail (the order's own cancellation adds none), to the attendee, in Arabic.
    (message,) = mail.outbox
    assert message.to == ["karim@sahara.ma"]
    with override("ar"):
        subject = gettext("Your registration is cancelled: %(event)s") % {"event": reservation.event.title}
        greeting = gettext("Hello %(name)s,") % {"name": "Karim Tazi"}
    assert subject.startswith("تم إلغاء تسجيلك")
    assert message.subject == subject
    (html, mimetype), *calendar = message.alternatives
    assert mimetype == "text/html"
    assert 'dir="rtl"' in html and greeting.replace("Karim Tazi", "<bdi>Karim Tazi</bdi>") in html
    # Never confirmed, it never sent an invitation: no calendar cancellation either.
    assert calendar == [] and message.attachments == []
    with override("ar"):
        sentence = gettext("Your reservation for %(title)s, which was awaiting payment, is cancelled.")
    assert sentence % {"title": "Forum inter-clusters"} in message.body
    assert "أُلغي حجزك" in sentence


def test_cancelling_twice_says_it_is_already_cancelled(admin, ticket):
    registration = RegistrationFactory(ticket_type=ticket, status=Status.CANCELLED)

    response = admin.post(manage_url(registration), {"action": "cancel"})

    assert response.status_code == 409


def test_marking_present_from_the_registration_page(admin, ticket, secretariat):
    registration = RegistrationFactory(ticket_type=ticket)

    admin.post(manage_url(registration), {"action": "check_in"})

    registration.refresh_from_db()
    assert registration.checked_in_by == secretariat


def test_the_registration_page_shows_the_answers(admin, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    registration.answers.create(question=QuestionFactory(event=event, label="Régime"), value="Végétarien")

    response = admin.get(manage_url(registration))

    assert response.status_code == 200
    assert "Végétarien" in response.text
    assert reverse("events:registration_badge", args=[registration.code]) in response.text


# --- Message to attendees: tests/events/test_attendee_messages.py ---------------------------------------------


# --- Tickets and settings -------------------------------------------------------------------------------------


def test_adding_a_ticket_from_the_event_opens_with_the_event_chosen(admin, event):
    response = admin.get(reverse("events_ticket_types:add") + f"?event={event.pk}")

    assert response.status_code == 200
    assert f'value="{event.pk}"' in response.text


def test_the_ticket_form_says_display_order_not_commande(admin, event):
    form = admin.get(reverse("events_ticket_types:add") + f"?event={event.pk}").text

    assert "Ordre d’affichage" in form or "Ordre d'affichage" in form or "Ordre d&#x27;affichage" in form
    assert ">Commande<" not in form


def test_adding_a_ticket_type(admin, event):
    response = admin.post(
        reverse("events_ticket_types:add"),
        {"event": event.pk, "name": "VIP", "member_price": "0", "non_member_price": "2 000,00", "sort_order": "0"},
    )

    assert response.status_code == 302
    assert TicketType.objects.get(name="VIP").non_member_price == 200_000


def test_sales_dates_are_typed_in_the_event_s_local_time_whatever_the_editor_s_zone(admin, event):
    """A Paris fair: 'sales end at 18:00' means 18:00 in Paris (16:00Z in summer), shown back as typed."""
    EventPage.objects.filter(pk=event.pk).update(time_zone="Europe/Paris")

    response = admin.post(
        reverse("events_ticket_types:add"),
        {
            "event": event.pk,
            "name": "Salon",
            "non_member_price": "500",
            "sort_order": "0",
            "sales_end_local": "2027-06-30 18:00",
        },
    )

    assert response.status_code == 302
    ticket = TicketType.objects.get(name="Salon")
    assert ticket.sales_end_local == dt.datetime(2027, 6, 30, 18, 0)
    assert ticket.sales_end == dt.datetime(2027, 6, 30, 16, tzinfo=dt.UTC)
    form = admin.get(reverse("events_ticket_types:edit", args=[ticket.pk])).text
    assert 'value="2027-06-30 18:00"' in form


def test_a_sales_date_the_clocks_skip_is_refused_and_the_form_kept(admin, event):
    EventPage.objects.filter(pk=event.pk).update(time_zone="Europe/Paris")

    response = admin.post(
        reverse("events_ticket_types:add"),
        {"event": event.pk, "name": "Nuit", "sort_order": "0", "sales_start_local": "2027-03-28 02:30"},
    )

    assert response.status_code == 200
    assert "les horloges sautent cette heure" in response.text
    assert 'value="Nuit"' in response.text
    assert not TicketType.objects.filter(name="Nuit").exists()


def test_raising_the_capacity_offers_the_new_seat_to_the_waitlist(admin, event, ticket):
    for _ in range(3):
        RegistrationFactory(ticket_type=ticket)
    waiting = WaitlistEntryFactory(event=event)
    settings_row = event.registration_settings

    response = admin.post(
        reverse("events_registration_settings:edit", args=[settings_row.pk]),
        {
            "event": event.pk,
            "is_open": "on",
            "capacity": "4",
            "payment_deadline_hours": "48",
            "refund_rule": "full",
            "waitlist_enabled": "on",
            "waitlist_offer_hours": "24",
        },
    )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == WaitlistEntry.Status.OFFERED


def test_a_ticket_code_read_out_finds_its_registration_in_the_admin_search(admin, ticket):
    found = RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani", code="K7QF-9MZT-4HXA-W2RD")
    RegistrationFactory(ticket_type=ticket, attendee_name="Autre Personne")

    html = admin.get(reverse("events_registrations:index"), {"q": "k7qf 9mzt 4hxa w2rd"}).text

    assert found.attendee_name in html
    assert "Autre Personne" not in html
    assert "Autre Personne" in admin.get(reverse("events_registrations:index")).text
