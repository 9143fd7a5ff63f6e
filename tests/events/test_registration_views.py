"""The registration pages: the event page's box, registering (member, guest, colleague), a registration's page,
cancelling, "My registrations", and who may see what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Registration
from events.services import registration_create
from members.models import Membership, Role
from payments.amounts import format_amount
from tests.factories.events import EventPageFactory
from tests.factories.members import OrganisationMemberFactory
from tests.factories.registrations import (
    QuestionFactory,
    RegistrationSettingsFactory,
    TicketTypeFactory,
    member_of_current_company,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index)
    RegistrationSettingsFactory(event=event)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, member_price=0, non_member_price=150_000)


def register_url(event):
    return reverse("events:register", args=[event.pk])


def guest_data(ticket_type, **extra):
    return {"ticket": ticket_type.pk, "attendee_name": "Salma Bennani", "attendee_email": "salma@invite.ma", **extra}


# --- The event page --------------------------------------------------------------------------------------------


def test_the_event_page_shows_both_prices_and_a_register_button(client, event, ticket):
    text = client.get(event.url).text
    assert ticket.name in text
    assert format_amount(150_000) in text
    assert f'href="{register_url(event)}"' in text


def test_the_event_page_costs_the_same_queries_whatever_the_number_of_tickets(
    client, event, ticket, django_assert_max_num_queries
):
    member = member_of_current_company()
    client.force_login(member.user)
    client.get(event.url)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as one:
        client.get(event.url)
    for _ in range(5):
        TicketTypeFactory(event=event, quota=10)
    QuestionFactory(event=event)
    with django_assert_max_num_queries(len(one)):
        response = client.get(event.url)
    assert response.status_code == 200
    # In the registration box (the head's structured data names each ticket too, in its offers).
    assert response.text.split("<body", 1)[1].count("Pass journée") == 6


def test_confirmed_attendees_see_the_online_link(client, events_index):
    event = EventPageFactory(parent=events_index, is_online=True, online_url="https://meet.example.ma/secret-room")
    RegistrationSettingsFactory(event=event)
    person = member_of_current_company()
    registration_create(
        event=event,
        ticket_type=TicketTypeFactory(event=event),
        attendee_name="A B",
        attendee_email=person.user.email,
        user=person.user,
        organisation=person.organisation,
        registered_by=person.user,
    )
    client.force_login(person.user)
    assert 'href="https://meet.example.ma/secret-room"' in client.get(event.url).text


# --- A member registers themselves -----------------------------------------------------------------------------


def test_a_member_finds_their_details_filled_in(client, event, ticket):
    member = member_of_current_company(first_name="Nadia", last_name="Alami")
    client.force_login(member.user)
    text = client.get(register_url(event)).text
    assert 'value="Nadia Alami"' in text
    assert member.organisation.display_name in text


def test_a_member_registers_in_one_click_for_free(client, event, ticket):
    member = member_of_current_company()
    client.force_login(member.user)
    response = client.post(
        register_url(event),
        {"ticket": ticket.pk, "attendee_name": "Nadia Alami", "organisation": member.organisation.pk},
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:registration_detail", args=[registration.code])
    assert (registration.status, registration.price, registration.user) == ("confirmed", 0, member.user)


def test_a_lapsed_member_is_sent_to_pay_the_non_member_price(client, event, ticket):
    member = member_of_current_company(status=Membership.Status.LAPSED)
    client.force_login(member.user)
    response = client.post(
        register_url(event), {"ticket": ticket.pk, "attendee_name": "N A", "organisation": member.organisation.pk}
    )
    registration = Registration.objects.get()
    assert registration.price == 150_000
    assert response.url == reverse("payments:order_detail", args=[registration.order.public_id])
    assert client.get(response.url).status_code == 200


def test_a_member_cannot_pick_a_company_they_do_not_belong_to(client, event, ticket):
    member = member_of_current_company()
    other = member_of_current_company()
    client.force_login(member.user)
    response = client.post(
        register_url(event), {"ticket": ticket.pk, "attendee_name": "N A", "organisation": other.organisation.pk}
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_registering_again_leads_to_the_existing_registration(client, event, ticket):
    member = member_of_current_company()
    client.force_login(member.user)
    client.post(register_url(event), {"ticket": ticket.pk, "attendee_name": "N A"})
    response = client.get(register_url(event))
    assert response.status_code == 302
    assert Registration.objects.get().code in response.url


# --- Guests ------------------------------------------------------------------------------------------------------


def test_a_guest_registers_without_logging_in_and_sees_their_registration(client, event, ticket):
    response = client.post(register_url(event), guest_data(ticket, company_name="Atlas Conseil"))
    registration = Registration.objects.get()
    # A paid ticket: straight to its order, to pay it.
    assert response.url == reverse("payments:order_detail", args=[registration.order.public_id])
    assert (registration.price, registration.company_name) == (150_000, "Atlas Conseil")
    page = client.get(reverse("events:registration_detail", args=[registration.code]))
    assert page.status_code == 200
    assert "salma@invite.ma" in page.text


def test_another_visitor_cannot_see_a_guest_registration(client, event, ticket):
    client.post(register_url(event), guest_data(ticket))
    client.logout()
    code = Registration.objects.get().code
    assert client.get(reverse("events:registration_detail", args=[code])).status_code == 404


def test_a_guest_form_with_errors_keeps_what_was_typed(client, event, ticket):
    response = client.post(register_url(event), guest_data(ticket, attendee_email="pas-une-adresse"))
    assert response.status_code == 400
    assert 'value="Salma Bennani"' in response.text
    assert 'value="pas-une-adresse"' in response.text
    assert not Registration.objects.exists()


def test_a_required_question_left_empty_is_flagged_and_nothing_saved(client, event, ticket):
    question = QuestionFactory(event=event, required=True, label="Votre fonction ?")
    response = client.post(register_url(event), guest_data(ticket))
    assert response.status_code == 400
    assert "field--invalid" in response.text
    assert f'name="q_{question.pk}"' in response.text
    assert not Registration.objects.exists()


def test_a_choice_question_is_answered_from_its_choices(client, event, ticket):
    question = QuestionFactory(event=event, kind="choice", choices="Déjeuner\nSans déjeuner", required=True)
    bad = client.post(register_url(event), guest_data(ticket, **{f"q_{question.pk}": "Dîner"}))
    assert bad.status_code == 400
    client.post(register_url(event), guest_data(ticket, **{f"q_{question.pk}": "Déjeuner"}))
    assert Registration.objects.get().answers.get().value == "Déjeuner"


@pytest.mark.parametrize("ticket_value", ["abc", "999999", ""])
def test_a_bad_ticket_is_a_clear_400(client, event, ticket, ticket_value):
    response = client.post(register_url(event), guest_data(ticket, ticket=ticket_value))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_an_unknown_event_is_a_404(client, db):
    assert client.get(reverse("events:register", args=[999999])).status_code == 404


def test_members_only_events_send_visitors_to_log_in(client, events_index):
    event = EventPageFactory(parent=events_index, members_only=True)
    RegistrationSettingsFactory(event=event)
    response = client.get(register_url(event))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_members_only_events_refuse_lapsed_members_with_a_403(client, events_index):
    event = EventPageFactory(parent=events_index, members_only=True)
    RegistrationSettingsFactory(event=event)
    ticket = TicketTypeFactory(event=event, member_price=0, non_member_price=0)
    member = member_of_current_company(status=Membership.Status.LAPSED)
    client.force_login(member.user)
    response = client.post(
        register_url(event), {"ticket": ticket.pk, "attendee_name": "N A", "organisation": member.organisation.pk}
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


# --- Full events -------------------------------------------------------------------------------------------------


def test_a_full_event_offers_the_waitlist_and_joining_works(client, event):
    ticket = TicketTypeFactory(event=event, quota=1, non_member_price=0)
    client.post(register_url(event), guest_data(ticket, attendee_email="first@invite.ma"))
    client.logout()
    full = client.post(register_url(event), guest_data(ticket))
    assert full.status_code == 409
    assert 'name="join_waitlist"' in full.text
    joined = client.post(register_url(event), guest_data(ticket, join_waitlist="1"))
    entry = event.waitlist_entries.get()
    assert joined.url == reverse("events:waitlist", args=[entry.token])
    assert client.get(joined.url).status_code == 200


def test_the_claim_link_never_claims_on_a_get(client, event):
    ticket = TicketTypeFactory(event=event, quota=1, non_member_price=0)
    from events.services import waitlist_join

    entry = waitlist_join(event=event, ticket_type=ticket, name="N A", email="n@invite.ma")
    url = reverse("events:waitlist_claim", args=[entry.token])
    assert client.get(url).status_code == 200
    assert not Registration.objects.exists()
    assert client.post(url).status_code == 302
    assert Registration.objects.get().attendee_email == "n@invite.ma"
    assert client.post(url).status_code == 410


def test_leaving_the_waitlist_from_its_link(client, event):
    ticket = TicketTypeFactory(event=event, quota=0)
    from events.services import waitlist_join

    entry = waitlist_join(event=event, ticket_type=ticket, name="N A", email="n@invite.ma")
    client.post(reverse("events:waitlist", args=[entry.token]))
    entry.refresh_from_db()
    assert entry.status == "left"
    assert client.get(reverse("events:waitlist", args=["not-a-token"])).status_code == 404


# --- Colleagues --------------------------------------------------------------------------------------------------


def test_a_company_administrator_registers_a_colleague_picked_from_the_company(client, event, ticket):
    admin = member_of_current_company(role=Role.ADMIN)
    colleague = OrganisationMemberFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    url = reverse("events:register_colleague", args=[event.pk])
    assert colleague.user.email in client.get(url).text
    response = client.post(
        url, {"ticket": ticket.pk, "organisation": admin.organisation.pk, "person": colleague.user.pk}
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert (registration.user, registration.registered_by, registration.price) == (colleague.user, admin.user, 0)


def test_a_colleague_from_another_company_cannot_be_picked(client, event, ticket):
    admin = member_of_current_company(role=Role.ADMIN)
    stranger = member_of_current_company()
    client.force_login(admin.user)
    response = client.post(
        reverse("events:register_colleague", args=[event.pk]),
        {"ticket": ticket.pk, "organisation": admin.organisation.pk, "person": stranger.user.pk},
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_only_company_administrators_reach_the_colleague_page(client, event, ticket):
    member = member_of_current_company()
    client.force_login(member.user)
    assert client.get(reverse("events:register_colleague", args=[event.pk])).status_code == 404


# --- A registration's page, cancelling, My registrations: company A and company B ------------------------------


@pytest.fixture
def registration_of_a(event, ticket):
    person = member_of_current_company()
    return registration_create(
        event=event,
        ticket_type=ticket,
        attendee_name="A Person",
        attendee_email=person.user.email,
        user=person.user,
        organisation=person.organisation,
        registered_by=person.user,
    )


def test_a_member_of_another_company_cannot_see_or_cancel_a_registration(client, registration_of_a):
    stranger = member_of_current_company(role=Role.ADMIN)
    client.force_login(stranger.user)
    code = registration_of_a.code
    assert client.get(reverse("events:registration_detail", args=[code])).status_code == 404
    assert client.post(reverse("events:registration_cancel", args=[code])).status_code == 404
    assert code not in client.get(reverse("events:my_registrations")).text
    registration_of_a.refresh_from_db()
    assert registration_of_a.status == "confirmed"


def test_visitors_are_sent_to_log_in_to_cancel_or_list(client, registration_of_a):
    cancel = client.post(reverse("events:registration_cancel", args=[registration_of_a.code]))
    listing = client.get(reverse("events:my_registrations"))
    assert reverse("account_login") in cancel.url
    assert reverse("account_login") in listing.url


def test_the_attendee_cancels_from_their_registration_page(client, registration_of_a):
    client.force_login(registration_of_a.user)
    response = client.post(reverse("events:registration_cancel", args=[registration_of_a.code]))
    registration_of_a.refresh_from_db()
    assert response.status_code == 302
    assert registration_of_a.status == "cancelled"
    again = client.post(reverse("events:registration_cancel", args=[registration_of_a.code]))
    assert again.status_code == 409


def test_the_company_administrator_sees_and_cancels_a_colleague_registration(client, registration_of_a):
    admin = OrganisationMemberFactory(organisation=registration_of_a.organisation, role=Role.ADMIN)
    client.force_login(admin.user)
    assert registration_of_a.code in client.get(reverse("events:my_registrations")).text
    client.post(reverse("events:registration_cancel", args=[registration_of_a.code]))
    registration_of_a.refresh_from_db()
    assert registration_of_a.status == "cancelled"


def test_a_plain_colleague_does_not_see_the_others_registrations(client, registration_of_a):
    colleague = OrganisationMemberFactory(organisation=registration_of_a.organisation, role=Role.MEMBER)
    client.force_login(colleague.user)
    assert registration_of_a.code not in client.get(reverse("events:my_registrations")).text
    assert client.get(reverse("events:registration_detail", args=[registration_of_a.code])).status_code == 404


def test_my_space_links_to_my_registrations(client):
    member = member_of_current_company()
    client.force_login(member.user)
    assert reverse("events:my_registrations") in client.get(reverse("members:dashboard")).text


def test_a_guest_with_a_paid_ticket_lands_on_the_order_to_pay_it(client, event, ticket):
    # The whole guest checkout is in tests/events/test_guest_checkout.py.
    response = client.post(register_url(event), guest_data(ticket))
    registration = Registration.objects.get()
    page = client.get(response.url)
    assert page.status_code == 200
    assert registration.order.reference in page.text
    assert reverse("payments:order_pay", args=[registration.order.public_id]) in page.text
    assert "/accounts/login/" not in response.url


def test_my_registrations_offers_to_pay_a_reservation(client, event, ticket):
    member = member_of_current_company(status=Membership.Status.LAPSED)
    client.force_login(member.user)
    client.post(register_url(event), {"ticket": ticket.pk, "attendee_name": "N A"})
    registration = Registration.objects.get()
    text = client.get(reverse("events:my_registrations")).text
    assert reverse("payments:order_detail", args=[registration.order.public_id]) in text
    assert reverse("events:registration_cancel", args=[registration.code]) in text


def test_the_only_ticket_is_already_chosen_on_the_form(client, event, ticket):
    form = client.get(register_url(event)).context["form"]

    assert form["ticket"].value() == ticket.pk
