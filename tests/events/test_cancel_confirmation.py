"""Cancelling asks first, on a page that works without JavaScript, and says truthfully what becomes of the seat and
of the money; "My registrations" lists the person's places on waitlists, with their position, and leaving one asks
to confirm too."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Registration, WaitlistEntry
from events.services import registration_create
from members.models import Role
from payments.amounts import format_amount
from payments.models import Order, PaymentMethod
from payments.services import order_mark_paid
from tests.factories.events import EventPageFactory
from tests.factories.registrations import (
    RegistrationSettingsFactory,
    TicketTypeFactory,
    WaitlistEntryFactory,
    member_of_current_company,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, title="Forum Digital Now")
    RegistrationSettingsFactory(event=event)
    return event


@pytest.fixture
def ticket(event):
    """Free for members, 1 500,00 MAD for the others."""
    return TicketTypeFactory(event=event, member_price=0, non_member_price=150_000)


def register(ticket, person=None):
    """A member (free) when `person` is given, else a guest (a paid ticket, reserved until paid)."""
    if person is None:
        return registration_create(
            event=ticket.event, ticket_type=ticket, attendee_name="Salma Bennani", attendee_email="salma@invitee.ma"
        )
    return registration_create(
        event=ticket.event,
        ticket_type=ticket,
        attendee_name=person.user.get_full_name(),
        attendee_email=person.user.email,
        user=person.user,
        organisation=person.organisation,
        registered_by=person.user,
    )


def paid(registration, method=PaymentMethod.BANK_TRANSFER):
    order = registration.order
    order_mark_paid(order=order, provider="manual", method=method, amount=order.total)
    registration.refresh_from_db()
    return registration


def en(name: str, *args) -> str:
    """The English address (the pages are read in English: their text is the catalogue's source)."""
    with translation.override("en"):
        return reverse(name, args=args)


def cancel_url(registration):
    return en("events:registration_cancel", registration.code)


def confirmation(client, registration) -> str:
    client.force_login(registration.user)
    response = client.get(cancel_url(registration))
    assert response.status_code == 200
    return response.content.decode()


def test_opening_the_cancel_page_asks_and_changes_nothing(client, ticket):
    registration = register(ticket, member_of_current_company())

    page = confirmation(client, registration)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert "Cancel the registration?" in page
    assert f'<form method="post" action="{en("events:registration_cancel", registration.code)}"' in page
    assert "Yes, cancel" in page
    assert f'href="{en("events:registration_detail", registration.code)}">Keep my registration' in page


def test_yes_cancel_cancels(client, ticket):
    registration = register(ticket, member_of_current_company())
    client.force_login(registration.user)

    response = client.post(cancel_url(registration))

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == Registration.Status.CANCELLED


def test_the_registration_page_links_to_the_confirmation_instead_of_cancelling_at_once(client, ticket):
    registration = register(ticket, member_of_current_company())
    client.force_login(registration.user)

    page = client.get(en("events:registration_detail", registration.code)).content.decode()

    assert f'href="{en("events:registration_cancel", registration.code)}"' in page
    assert 'method="post"' not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_seat_goes_to_the_first_on_the_waitlist_when_someone_waits(client, event, ticket):
    registration = register(ticket, member_of_current_company())
    WaitlistEntryFactory(event=event)

    page = confirmation(client, registration)

    assert "offered at once to the first person on the waitlist" in page


def test_without_a_waitlist_the_seat_goes_back_on_sale(client, ticket):
    assert "goes back on sale" in confirmation(client, register(ticket, member_of_current_company()))


def test_a_free_ticket_has_nothing_to_refund(client, ticket):
    assert "Nothing was paid for this ticket" in confirmation(client, register(ticket, member_of_current_company()))


def test_an_unpaid_reservation_says_its_order_is_cancelled_and_it_is(client, ticket):
    registration = register(ticket)

    page = confirmation(client, registration)
    client.post(cancel_url(registration))

    assert f"The order of {format_amount(150_000)}, not paid yet, is cancelled" in page
    registration.order.refresh_from_db()
    assert registration.order.status == Order.Status.CANCELLED


def test_a_ticket_paid_by_transfer_is_said_refunded_with_a_credit_note_and_it_is(client, ticket):
    registration = paid(register(ticket))

    page = confirmation(client, registration)
    client.post(cancel_url(registration))

    assert f"The {format_amount(150_000)} paid are refunded in full: a credit note is issued at once" in page
    registration.order.refresh_from_db()
    assert registration.order.status == Order.Status.REFUNDED
    assert registration.order.refunds.get().amount == 150_000


def test_a_ticket_paid_by_card_is_said_refunded_to_the_card_by_the_secretariat(client, ticket):
    page = confirmation(client, paid(register(ticket), method=PaymentMethod.CARD))

    assert "paid by card are refunded in full: the secretariat refunds them to the card used" in page


def test_an_event_without_refunds_says_the_money_is_kept_and_it_is(client, event, ticket):
    event.registration_settings.refund_rule = "none"
    event.registration_settings.save()
    registration = paid(register(ticket))

    page = confirmation(client, registration)
    client.post(cancel_url(registration))

    assert f"the {format_amount(150_000)} paid are not given back" in page
    assert "refunded in full" not in page
    registration.order.refresh_from_db()
    assert registration.order.status == Order.Status.PAID
    assert not registration.order.refunds.exists()


def test_past_the_deadline_the_page_says_it_can_no_longer_be_cancelled(client, event, ticket):
    event.registration_settings.cancellation_deadline = timezone.now() - timedelta(hours=1)
    event.registration_settings.save()
    registration = register(ticket, member_of_current_company())
    client.force_login(registration.user)

    response = client.get(cancel_url(registration))

    assert response.status_code == 403
    assert "can no longer be cancelled online" in response.content.decode()
    assert "Yes, cancel" not in response.content.decode()


def test_an_already_cancelled_registration_has_no_confirmation(client, ticket):
    registration = register(ticket, member_of_current_company())
    client.force_login(registration.user)
    client.post(cancel_url(registration))

    assert client.get(cancel_url(registration)).status_code == 409


def test_another_company_cannot_open_the_cancel_page(client, ticket):
    registration = register(ticket, member_of_current_company())
    client.force_login(member_of_current_company(role=Role.ADMIN).user)

    assert client.get(cancel_url(registration)).status_code == 404


# --- Waitlists in "My registrations" -----------------------------------------------------------------------------


@pytest.fixture
def queue(event, member_user):
    """Two people ahead of the member, one behind."""
    WaitlistEntryFactory(event=event)
    WaitlistEntryFactory(event=event)
    mine = WaitlistEntryFactory(event=event, user=member_user, email=member_user.email)
    WaitlistEntryFactory(event=event)
    return mine


def test_my_registrations_lists_my_waitlist_places_with_their_position(client, queue, member_user):
    client.force_login(member_user)

    page = client.get(en("events:my_registrations")).content.decode()

    assert "My places on waitlists" in page
    assert "Forum Digital Now" in page
    assert "Position 3 of 4" in page
    assert f'href="{en("events:waitlist", queue.token)}?leave"' in page


def test_an_offered_seat_in_my_registrations_can_be_taken(client, event, member_user):
    entry = WaitlistEntryFactory(
        event=event,
        user=member_user,
        email=member_user.email,
        status=WaitlistEntry.Status.OFFERED,
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + timedelta(hours=5),
    )
    client.force_login(member_user)

    page = client.get(en("events:my_registrations")).content.decode()

    assert "Seat offered" in page
    assert en("events:waitlist_claim", entry.token) in page


def test_other_peoples_waitlist_places_are_not_listed(client, queue, django_user_model):
    stranger = django_user_model.objects.create_user(email="autre@societe.ma", password="x" * 12)
    client.force_login(stranger)

    page = client.get(en("events:my_registrations")).content.decode()

    assert queue.token not in page
    assert "My places on waitlists" not in page


def test_leaving_the_waitlist_asks_first_then_leaves(client, queue, member_user):
    client.force_login(member_user)
    url = en("events:waitlist", queue.token)

    asked = client.get(url + "?leave").content.decode()
    queue.refresh_from_db()
    assert queue.status == WaitlistEntry.Status.WAITING
    assert "Leave the waitlist?" in asked
    assert "You lose your place in the queue" in asked
    assert "Position 3 of 4" in asked

    client.post(url)

    queue.refresh_from_db()
    assert queue.status == WaitlistEntry.Status.LEFT
    page = client.get(en("events:my_registrations")).content.decode()
    assert queue.token not in page
