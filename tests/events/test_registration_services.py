"""Registering, paying, cancelling and expiring, through the services."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events.calendars import event_url
from events.models import Registration, TicketType
from events.services import (
    AlreadyRegistered,
    CancellationClosed,
    EventFull,
    InvalidAnswers,
    MembersOnly,
    NotPermitted,
    RegistrationClosed,
    TicketNotOffered,
    TicketNotOnSale,
    registration_cancel,
    registration_change_ticket,
    registration_create,
    registration_transfer,
    registrations_expire,
)
from members.models import Membership, Role
from payments.links import order_from_link
from payments.models import Order, PaymentMethod
from payments.services import order_cancel, order_mark_paid, order_refund
from tests.factories.events import EventPageFactory
from tests.factories.members import MemberUserFactory, OrganisationMemberFactory
from tests.factories.registrations import (
    QuestionFactory,
    RegistrationSettingsFactory,
    TicketTypeFactory,
    member_of_current_company,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index)
    RegistrationSettingsFactory(event=event)
    return event


@pytest.fixture
def ticket(event):
    """Free for members, 1 500,00 MAD for the others."""
    return TicketTypeFactory(event=event, member_price=0, non_member_price=150_000)


def register(ticket, person=None, **kwargs):
    """Register `person` (an OrganisationMember) for themselves, or a guest when None."""
    if person is not None:
        kwargs.setdefault("attendee_name", person.user.get_full_name())
        kwargs.setdefault("attendee_email", person.user.email)
        kwargs.setdefault("user", person.user)
        kwargs.setdefault("organisation", person.organisation)
        kwargs.setdefault("registered_by", person.user)
    kwargs.setdefault("attendee_name", "Salma Bennani")
    kwargs.setdefault("attendee_email", "salma@invitee.ma")
    return registration_create(event=ticket.event, ticket_type=ticket, **kwargs)


def pay(registration, method=PaymentMethod.BANK_TRANSFER):
    order = registration.order
    order_mark_paid(order=order, provider="manual", method=method, amount=order.total)
    registration.refresh_from_db()
    return registration


# --- Prices by membership status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Membership.Status.ACTIVE, 0),
        (Membership.Status.GRACE, 0),
        (Membership.Status.LAPSED, 150_000),
        (Membership.Status.AWAITING_PAYMENT, 150_000),
    ],
)
def test_member_price_goes_to_current_members_only(ticket, status, expected):
    registration = register(ticket, member_of_current_company(status=status))
    assert registration.price == expected


def test_a_guest_pays_the_non_member_price(ticket):
    assert register(ticket).price == 150_000


def test_a_ticket_without_a_price_for_the_group_is_refused(event):
    members_only_ticket = TicketTypeFactory(event=event, member_price=0, non_member_price=None)
    with pytest.raises(TicketNotOffered):
        register(members_only_ticket)
    assert not Registration.objects.exists()


def test_members_only_event_refuses_non_members(events_index):
    event = EventPageFactory(parent=events_index, members_only=True)
    RegistrationSettingsFactory(event=event)
    ticket = TicketTypeFactory(event=event, member_price=0, non_member_price=0)
    with pytest.raises(MembersOnly):
        register(ticket, member_of_current_company(status=Membership.Status.LAPSED))
    assert register(ticket, member_of_current_company()).status == Status.CONFIRMED


def test_closed_registration_is_refused(event, ticket):
    event.registration_settings.is_open = False
    event.registration_settings.save()
    with pytest.raises(RegistrationClosed):
        register(ticket)


def test_a_ticket_outside_its_sales_window_is_refused(event):
    ticket = TicketTypeFactory(event=event, sales_end=timezone.now() - timedelta(minutes=1))
    with pytest.raises(TicketNotOnSale):
        register(ticket)


def test_a_ticket_of_another_event_is_refused(event, events_index):
    other = TicketTypeFactory(event=EventPageFactory(parent=events_index))
    with pytest.raises(TicketNotOffered):
        registration_create(event=event, ticket_type=other, attendee_name="A B", attendee_email="a@b.ma")


# --- Who registers whom ------------------------------------------------------------------------------------------


def test_a_company_administrator_registers_a_colleague_at_the_company_price(ticket):
    admin = member_of_current_company(role=Role.ADMIN)
    registration = register(
        ticket,
        attendee_name="Karim Alaoui",
        attendee_email="karim@societe.ma",
        organisation=admin.organisation,
        registered_by=admin.user,
    )
    assert registration.price == 0
    assert registration.registered_by == admin.user
    assert registration.user.email == "karim@societe.ma"


def test_a_plain_member_cannot_register_others_under_the_company(ticket):
    person = member_of_current_company()
    with pytest.raises(NotPermitted):
        register(ticket, attendee_email="other@societe.ma", organisation=person.organisation, registered_by=person.user)


def test_nobody_registers_under_a_company_they_do_not_belong_to(ticket):
    outsider = MemberUserFactory()
    company = member_of_current_company().organisation
    with pytest.raises(NotPermitted):
        register(ticket, attendee_email=outsider.email, organisation=company, registered_by=outsider)


def test_a_guest_gets_an_account_without_a_usable_password(ticket):
    registration = register(ticket, attendee_email="Nouveau@Invite.ma")
    user = get_user_model().objects.get(email="nouveau@invite.ma")
    assert registration.user == user
    assert not user.has_usable_password()


def test_a_guest_with_an_existing_account_is_linked_to_it(ticket):
    existing = MemberUserFactory(email="deja@invite.ma")
    assert register(ticket, attendee_email="deja@invite.ma").user == existing
    assert existing.has_usable_password()


def test_the_same_person_cannot_register_twice(ticket):
    register(ticket)
    with pytest.raises(AlreadyRegistered):
        register(ticket, attendee_email="SALMA@invitee.ma")
    assert Registration.objects.count() == 1


# --- Questions ---------------------------------------------------------------------------------------------------


def test_required_questions_must_be_answered(event, ticket):
    question = QuestionFactory(event=event, required=True)
    with pytest.raises(InvalidAnswers) as error:
        register(ticket, answers={})
    assert question.pk in error.value.errors
    assert not Registration.objects.exists()
    assert not get_user_model().objects.filter(email="salma@invitee.ma").exists()


def test_a_choice_must_be_one_offered(event, ticket):
    question = QuestionFactory(event=event, kind="choice", choices="Végétarien\nSans gluten")
    with pytest.raises(InvalidAnswers):
        register(ticket, answers={question.pk: "Tout"})
    registration = register(ticket, answers={question.pk: "Sans gluten"})
    assert registration.answers.get().value == "Sans gluten"


# --- Free and paid tickets ---------------------------------------------------------------------------------------


def test_a_free_ticket_is_confirmed_at_once_with_its_e_mail(ticket, django_capture_on_commit_callbacks):
    person = member_of_current_company()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(ticket, person)
    assert registration.status == Status.CONFIRMED
    assert registration.order is None
    assert [message.to for message in mail.outbox] == [[registration.attendee_email]]


def test_a_paid_ticket_is_reserved_with_an_order_to_pay(event, ticket, django_capture_on_commit_callbacks):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(ticket)
    assert registration.status == Status.RESERVED
    assert registration.order.total == 150_000
    assert registration.order.lines.get().subject == registration
    assert registration.expires_at >= before + timedelta(hours=48) - timedelta(seconds=5)
    token = re.search(r"/payments/orders/link/([^/\s]+)/", mail.outbox[-1].body).group(1)
    assert order_from_link(token) == registration.order


def test_the_payment_deadline_never_passes_the_start_of_the_event(events_index):
    event = EventPageFactory(parent=events_index, days_from_now=1)
    RegistrationSettingsFactory(event=event, payment_deadline_hours=200)
    registration = register(TicketTypeFactory(event=event))
    assert registration.expires_at == event.start


def test_paying_the_order_confirms_the_registration(ticket):
    registration = pay(register(ticket))
    assert registration.status == Status.CONFIRMED
    assert registration.expires_at is None


def test_cancelling_the_order_cancels_the_reservation(ticket):
    registration = register(ticket)
    order_cancel(order=registration.order)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_cancelling_the_order_tells_the_attendee_their_reservation_is_cancelled(
    ticket, django_capture_on_commit_callbacks
):
    registration = register(ticket, language="en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=registration.order)

    (message,) = mail.outbox
    assert message.to == ["salma@invitee.ma"]
    assert message.subject == f"Your registration is cancelled: {ticket.event.title}"
    assert "which was awaiting payment, is cancelled" in message.body
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]


def test_refunding_the_order_cancels_the_registration(ticket):
    registration = pay(register(ticket))
    order_refund(order=registration.order, amount=registration.order.total)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


# --- Expiry ------------------------------------------------------------------------------------------------------


def test_an_unpaid_reservation_expires_and_its_order_is_cancelled(ticket, django_capture_on_commit_callbacks):
    registration = register(ticket)
    Registration.objects.filter(pk=registration.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_reservations", stdout=io.StringIO())
    registration.refresh_from_db()
    assert registration.status == Status.EXPIRED
    assert registration.order.status == Order.Status.CANCELLED
    assert mail.outbox[-1].to == [registration.attendee_email]
    assert event_url(registration.event) in mail.outbox[-1].body


def test_a_reservation_not_yet_due_does_not_expire(ticket):
    registration = register(ticket)
    assert registrations_expire() == 0
    registration.refresh_from_db()
    assert registration.status == Status.RESERVED


def test_an_expired_reservation_frees_its_seat(event):
    event.registration_settings.capacity = 1
    event.registration_settings.save()
    ticket = TicketTypeFactory(event=event)
    first = register(ticket)
    with pytest.raises(EventFull):
        register(ticket, attendee_email="second@invite.ma")
    Registration.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    registrations_expire()
    assert register(ticket, attendee_email="second@invite.ma").status == Status.RESERVED


def test_a_payment_after_expiry_takes_a_free_seat_again(ticket):
    registration = register(ticket)
    Registration.objects.filter(pk=registration.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    registrations_expire()
    registration = pay(registration)
    assert registration.status == Status.CONFIRMED


def test_a_payment_after_expiry_with_no_seat_left_is_logged_for_a_refund(event):
    event.registration_settings.capacity = 1
    event.registration_settings.save()
    ticket = TicketTypeFactory(event=event)
    late = register(ticket)
    Registration.objects.filter(pk=late.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    registrations_expire()
    register(ticket, attendee_email="second@invite.ma")
    late = pay(late)
    assert late.status == Status.EXPIRED
    assert late.order.status == Order.Status.PAID
    assert ModelLogEntry.objects.filter(action="events.registration_paid_without_seat").exists()


# --- Capacity and quotas (one client at a time; see test_registration_concurrency for many) ----------------------


def test_the_ticket_quota_is_never_exceeded(event):
    ticket = TicketTypeFactory(event=event, quota=2, non_member_price=0)
    register(ticket, attendee_email="a@invite.ma")
    register(ticket, attendee_email="b@invite.ma")
    with pytest.raises(EventFull) as error:
        register(ticket, attendee_email="c@invite.ma")
    assert error.value.waitlist is True
    assert ticket.registrations.count() == 2


def test_the_event_capacity_counts_every_ticket(event):
    event.registration_settings.capacity = 2
    event.registration_settings.save()
    one, two = TicketTypeFactory(event=event), TicketTypeFactory(event=event)
    register(one, attendee_email="a@invite.ma")
    register(two, attendee_email="b@invite.ma")
    with pytest.raises(EventFull):
        register(one, attendee_email="c@invite.ma")


def test_a_refused_registration_leaves_nothing_behind(event):
    ticket = TicketTypeFactory(event=event, quota=0)
    with pytest.raises(EventFull):
        register(ticket, attendee_email="nobody@invite.ma")
    assert not get_user_model().objects.filter(email="nobody@invite.ma").exists()
    assert not Order.objects.exists()


# --- Cancellation ------------------------------------------------------------------------------------------------


def test_the_attendee_cancels_a_free_registration(ticket):
    person = member_of_current_company()
    registration = register(ticket, person)
    registration_cancel(registration=registration, by=person.user)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert registration.cancelled_at is not None


def test_the_attendee_who_cancels_is_told_by_email_with_a_calendar_cancellation(
    ticket, django_capture_on_commit_callbacks
):
    person = member_of_current_company()
    registration = register(ticket, person, language="en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration, by=person.user)

    (message,) = mail.outbox
    assert message.to == [person.user.email]
    assert "The attached file removes the event from your calendar." in message.body
    assert "text/calendar" in [mimetype for _content, mimetype in message.alternatives]


def test_the_attendee_who_cancels_their_reservation_is_told_too(ticket, django_capture_on_commit_callbacks):
    registration = register(ticket, language="en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration, by=registration.user)

    (message,) = mail.outbox
    assert message.to == ["salma@invitee.ma"]
    assert "which was awaiting payment, is cancelled" in message.body
    assert "calendar" not in message.body


def test_cancelling_an_unpaid_reservation_cancels_its_order(ticket):
    registration = register(ticket)
    registration_cancel(registration=registration, by=registration.user)
    registration.order.refresh_from_db()
    assert registration.order.status == Order.Status.CANCELLED


def test_cancelling_a_transfer_paid_ticket_records_the_refund(ticket):
    registration = pay(register(ticket))
    registration_cancel(registration=registration, by=registration.user)
    registration.order.refresh_from_db()
    assert registration.order.status == Order.Status.REFUNDED
    assert registration.order.refunds.get().amount == 150_000


def test_a_card_paid_ticket_is_left_for_the_secretariat_to_refund_in_stripe(ticket):
    registration = pay(register(ticket), method=PaymentMethod.CARD)
    registration_cancel(registration=registration, by=registration.user)
    registration.order.refresh_from_db()
    assert registration.order.status == Order.Status.PAID
    assert ModelLogEntry.objects.filter(action="events.registration_refund_due").exists()


def test_no_refund_when_the_event_says_so(event, ticket):
    event.registration_settings.refund_rule = "none"
    event.registration_settings.save()
    registration = pay(register(ticket))
    registration_cancel(registration=registration, by=registration.user)
    registration.order.refresh_from_db()
    assert registration.order.status == Order.Status.PAID
    assert not registration.order.refunds.exists()


def test_attendees_cannot_cancel_after_the_deadline_but_the_secretariat_can(event, ticket, staff_user):
    event.registration_settings.cancellation_deadline = timezone.now() - timedelta(hours=1)
    event.registration_settings.save()
    person = member_of_current_company()
    registration = register(ticket, person)
    with pytest.raises(CancellationClosed):
        registration_cancel(registration=registration, by=person.user)
    registration_cancel(registration=registration, by=staff_user)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_a_member_of_another_company_cannot_cancel(ticket):
    registration = register(ticket, member_of_current_company())
    stranger = member_of_current_company(role=Role.ADMIN)
    with pytest.raises(NotPermitted):
        registration_cancel(registration=registration, by=stranger.user)


def test_the_company_administrator_cancels_a_colleague(ticket):
    person = member_of_current_company()
    admin = OrganisationMemberFactory(organisation=person.organisation, role=Role.ADMIN)
    registration = register(ticket, person)
    registration_cancel(registration=registration, by=admin.user)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


# --- The secretariat's changes -----------------------------------------------------------------------------------


def test_the_secretariat_changes_the_ticket_within_its_quota(event, ticket, staff_user):
    registration = register(ticket, member_of_current_company())
    full = TicketTypeFactory(event=event, quota=0)
    with pytest.raises(EventFull):
        registration_change_ticket(registration=registration, ticket_type=full, by=staff_user)
    vip = TicketTypeFactory(event=event, quota=1)
    registration_change_ticket(registration=registration, ticket_type=vip, by=staff_user)
    registration.refresh_from_db()
    assert registration.ticket_type == vip


def test_only_the_secretariat_changes_a_ticket(event, ticket):
    person = member_of_current_company()
    registration = register(ticket, person)
    with pytest.raises(NotPermitted):
        registration_change_ticket(
            registration=registration, ticket_type=TicketTypeFactory(event=event), by=person.user
        )


def test_moving_a_registration_to_another_person_gives_a_new_ticket_code(ticket, staff_user):
    registration = register(ticket, member_of_current_company())
    old_code = registration.code
    registration_transfer(
        registration=registration, attendee_name="Yasmine Tazi", attendee_email="yasmine@societe.ma", by=staff_user
    )
    registration.refresh_from_db()
    assert registration.attendee_email == "yasmine@societe.ma"
    assert registration.user.email == "yasmine@societe.ma"
    assert registration.code != old_code


def test_the_former_attendee_of_a_moved_registration_gets_a_calendar_cancellation(
    ticket, staff_user, django_capture_on_commit_callbacks
):
    registration = register(ticket, member_of_current_company())
    former = registration.attendee_email
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_transfer(
            registration=registration, attendee_name="Yasmine Tazi", attendee_email="yasmine@societe.ma", by=staff_user
        )

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([former, "yasmine@societe.ma"])
    to_former = next(message for message in mail.outbox if message.to == [former])
    assert b"METHOD:CANCEL" in next(
        content.encode() if isinstance(content, str) else content
        for name, content, mimetype in to_former.attachments
        if name == "invitation.ics"
    )


def test_ticket_type_name_follows_the_language(ticket):
    ticket.name_ar = "تذكرة"
    assert ticket.name_for("ar") == "تذكرة"
    assert ticket.name_for("en") == ticket.name_en
    assert TicketType(name="Pass").name_for("en") == "Pass"


def test_the_background_job_expires_reservations_and_offers(ticket):
    from events.tasks import expire_reservations

    registration = register(ticket)
    Registration.objects.filter(pk=registration.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    result = expire_reservations.enqueue()
    assert result.return_value == {"reminders": 0, "reservations": 1, "offers": 0, "new_offers": 0}


def test_the_administrator_who_registers_a_colleague_gets_the_order_to_pay(ticket, django_capture_on_commit_callbacks):
    admin = member_of_current_company(role=Role.ADMIN, status=Membership.Status.LAPSED)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(
            ticket,
            attendee_name="Karim Alaoui",
            attendee_email="karim@societe.ma",
            organisation=admin.organisation,
            registered_by=admin.user,
        )
    assert registration.order.buyer_user == admin.user
    assert registration.order.organisation == admin.organisation
    assert mail.outbox[-1].to == [admin.user.email]
    assert "Karim Alaoui" in mail.outbox[-1].body


def test_a_paid_registration_by_the_secretariat_is_paid_by_the_attendee(ticket, staff_user):
    registration = register(ticket, registered_by=staff_user, by_secretariat=True)
    assert registration.order.buyer_user == registration.user
    assert registration.user.email == "salma@invitee.ma"
