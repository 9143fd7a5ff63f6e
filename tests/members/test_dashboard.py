"""My space around what is next: what needs doing first (a seat offered, payments due, dues to renew), then what is
coming (events, B2B meetings), the unread messages, the rest aside; never another company's things."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Site

from events.models import Registration, WaitlistEntry
from members.models import Role
from partnerships.models import MeetingRequest
from payments.amounts import format_amount
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
from tests.factories.members import OrganisationFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory
from tests.factories.partnerships import ConversationFactory, MessageFactory, PostFactory
from tests.factories.payments import make_order, other_line
from tests.factories.registrations import (
    RegistrationFactory,
    RegistrationSettingsFactory,
    TicketTypeFactory,
    WaitlistEntryFactory,
)

pytestmark = pytest.mark.django_db

MY_SPACE = "/en/my-space/"
numbers = itertools.count()


def company_of(user):
    return user.organisation_memberships.get().organisation


def english(value, format_name: str) -> str:
    """A date or time as the English page shows it (in Casablanca time)."""
    with translation.override("en"):
        return date_format(timezone.localtime(value) if isinstance(value, dt.datetime) else value, format_name)


@pytest.fixture
def events_index(db):
    return EventIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)


@pytest.fixture
def salma(db):
    """A member (not an administrator) of Atlas Logiciels, a current member company."""
    membership = OrganisationMemberFactory(
        organisation__legal_name="Atlas Logiciels SARL", user__email="salma.bennani@atlas-logiciels.example.ma"
    )
    MembershipFactory(organisation=membership.organisation)
    return membership.user


@pytest.fixture
def nadia(salma):
    """The administrator of Salma's company."""
    return OrganisationMemberFactory(organisation=company_of(salma), role=Role.ADMIN).user


def event_in(events_index, title: str, days: int = 30, **fields):
    event = EventPageFactory(parent=events_index, title=title, days_from_now=days, **fields)
    RegistrationSettingsFactory(event=event)
    return event


def registered(user, event, **fields):
    return RegistrationFactory(
        ticket_type=TicketTypeFactory(event=event), user=user, attendee_email=user.email, **fields
    )


def offered(user, event, hours: int = 20):
    return WaitlistEntryFactory(
        event=event,
        user=user,
        email=user.email,
        status=WaitlistEntry.Status.OFFERED,
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + dt.timedelta(hours=hours),
    )


def meeting_with(user, other_name: str, *, event, minutes_from_start: int = 0):
    session = BrokerageSessionFactory(event=event)
    slot = session.slots[minutes_from_start // 20]
    ticket = Registration.objects.filter(event=event, user=user).first()
    mine = MeetingProfileFactory(session=session, user=user, **({"registration": ticket} if ticket else {}))
    other = MeetingProfileFactory(session=session, name=other_name, organisation__legal_name=f"{other_name} SA")
    return MeetingRequestFactory(
        session=session,
        requester=mine,
        recipient=other,
        status=MeetingRequest.Status.ACCEPTED,
        answered_at=timezone.now(),
        starts_at=slot.start,
        ends_at=slot.end,
        table=2,
    )


def unread_message_to(company, text: str):
    post = PostFactory(organisation=company, title="Intégration ERP pour PME")
    conversation = ConversationFactory(post=post, organisation=OrganisationFactory(legal_name="Souss Composites SA"))
    MessageFactory(conversation=conversation, body=text)
    return conversation


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get(MY_SPACE)
    assert response.status_code == 200
    return response.content.decode()


def test_a_seat_offered_from_the_waitlist_comes_first_with_its_deadline(client, salma, events_index):
    entry = offered(salma, event_in(events_index, "Forum Digital Now"))
    registered(salma, event_in(events_index, "Rencontre Fintech", days=10))

    page = page_of(client, salma)

    assert "A seat is offered to you" in page
    assert reverse("events:waitlist_claim", args=[entry.token]) in page
    assert f"Kept for you until {english(entry.offer_expires_at, 'DATETIME_FORMAT')}." in page
    assert page.index("A seat is offered to you") < page.index("My next events")


def test_payments_due_have_a_button_to_pay_each_order(client, salma):
    order = make_order(buyer_user=salma, lines=[other_line(150_000)])

    page = page_of(client, salma)

    assert "Payment due" in page
    assert reverse("payments:order_detail", args=[order.public_id]) in page
    assert format_amount(order.total) in page
    assert order.reference in page


def test_a_plain_member_does_not_see_the_companys_orders_its_administrator_does(client, salma, nadia):
    company_order = make_order(organisation=company_of(nadia), buyer_user=None)
    order_url = reverse("payments:order_detail", args=[company_order.public_id])

    assert order_url not in page_of(client, salma)
    assert order_url in page_of(client, nadia)


def test_the_next_event_comes_first_with_its_date_and_place(client, salma, events_index):
    later = registered(salma, event_in(events_index, "Forum Digital Now", days=40))
    sooner = registered(salma, event_in(events_index, "Rencontre Fintech", days=5, venue_name="Technopark"))
    registered(salma, event_in(events_index, "Atelier passé", days=-3))

    page = page_of(client, salma)

    assert page.index("Rencontre Fintech") < page.index("Forum Digital Now")
    assert "Atelier passé" not in page
    assert "Technopark · Casablanca" in page
    assert f"{english(sooner.event.start_date, 'DATE_FORMAT')}, 9 a.m." in page
    assert reverse("events:registration_detail", args=[later.code]) in page


def test_an_event_abroad_says_in_which_time_zone_its_hours_are(client, salma, events_index):
    registered(salma, event_in(events_index, "VivaTech", time_zone="Europe/Paris"))

    assert "(Europe/Paris)" in page_of(client, salma)


def test_the_waitlists_show_the_place_in_the_queue(client, salma, events_index):
    event = event_in(events_index, "Forum Digital Now")
    WaitlistEntryFactory(event=event)
    WaitlistEntryFactory(event=event)
    mine = WaitlistEntryFactory(event=event, user=salma, email=salma.email)
    WaitlistEntryFactory(event=event)

    page = page_of(client, salma)

    assert "Position 3 of 4" in page
    assert reverse("events:waitlist", args=[mine.token]) in page


def test_the_next_b2b_meetings_show_who_when_and_which_table(client, salma, events_index):
    meeting = meeting_with(salma, "Brahim Ouali", event=event_in(events_index, "Forum Digital Now"))

    page = page_of(client, salma)

    assert "My B2B meetings" in page
    assert "Brahim Ouali" in page
    assert "9 a.m.–9:20 a.m." in page
    assert "<bdi>Forum Digital Now</bdi>, table 2" in page
    assert reverse("partnerships:meeting_agenda", args=[meeting.session_id]) in page


def test_a_meeting_request_to_answer_is_a_thing_to_do(client, salma, events_index):
    session = BrokerageSessionFactory(event=event_in(events_index, "Forum Digital Now"))
    request = MeetingRequestFactory(
        session=session,
        recipient=MeetingProfileFactory(session=session, user=salma),
        requester__name="Brahim Ouali",
    )

    page = page_of(client, salma)

    assert "A meeting request to answer" in page
    assert reverse("partnerships:meeting_request", args=[request.pk]) in page


def test_unread_board_messages_are_listed_with_their_conversation(client, salma):
    conversation = unread_message_to(company_of(salma), "Votre offre nous intéresse.")

    page = page_of(client, salma)

    assert "Board messages" in page
    assert reverse("partnerships:conversation", args=[conversation.pk]) in page
    assert "Souss Composites" in page
    assert "Inbox: 1 unread message" in page


def test_the_company_administrator_is_asked_to_renew_dues_due_soon(client, nadia):
    company = company_of(nadia)
    company.memberships.update(period_end=timezone.localdate() + dt.timedelta(days=12))

    page = page_of(client, nadia)

    assert "Renewal due" in page
    assert reverse("members:membership_renew", args=[company.slug]) in page


def test_dues_overdue_in_the_grace_period_say_so(client, nadia):
    company = company_of(nadia)
    company.memberships.update(
        status="grace",
        period_start=timezone.localdate() - dt.timedelta(days=370),
        period_end=timezone.localdate() - dt.timedelta(days=5),
    )

    page = page_of(client, nadia)

    assert "Overdue" in page
    assert reverse("members:membership_renew", args=[company.slug]) in page


def test_a_plain_member_is_not_asked_to_renew(client, salma, nadia):
    company_of(salma).memberships.update(period_end=timezone.localdate() + dt.timedelta(days=12))

    page = page_of(client, salma)

    assert "Renewal due" not in page
    assert "/membership/renew/" not in page


def test_with_nothing_to_do_my_space_says_so_and_points_to_the_events(client, salma, events_index):
    page = page_of(client, salma)

    assert "Nothing needs your attention right now." in page
    assert "You are not registered for any upcoming event." in page
    assert f'href="{events_index.url}"' in page


def test_another_companys_things_never_show(client, nadia, events_index):
    other = OrganisationMemberFactory(role=Role.ADMIN)
    MembershipFactory(organisation=other.organisation, period_end=timezone.localdate() + dt.timedelta(days=12))
    order = make_order(organisation=other.organisation, buyer_user=other.user)
    event = event_in(events_index, "Salon réservé")
    registered(other.user, event, organisation=other.organisation)
    entry = offered(other.user, event)
    meeting_with(other.user, "Karim Tazi", event=event)
    unread_message_to(other.organisation, "Message confidentiel")

    page = page_of(client, nadia)

    assert reverse("payments:order_detail", args=[order.public_id]) not in page
    assert "Salon réservé" not in page
    assert entry.token not in page
    assert "Karim Tazi" not in page
    assert "Intégration ERP" not in page
    assert reverse("members:membership_renew", args=[other.organisation.slug]) not in page
    assert other.organisation.display_name not in page


def test_the_email_address_has_the_side_cards_whole_width(client, salma):
    page = page_of(client, salma)

    # Labels above values in the side column (my-space.css), not a narrow column beside them.
    assert 'class="facts my-space-facts"' in page
    assert f'<dd dir="ltr" class="my-space-email">{salma.email}</dd>' in page
    assert "css/my-space.css" in page


def test_my_space_in_arabic_reads_right_to_left(client, salma, events_index):
    registered(salma, event_in(events_index, "Forum Digital Now"))
    client.force_login(salma)

    page = client.get("/ar/my-space/").content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "Forum Digital Now" in page


def _a_few_of_each(user, events_index, n: int):
    company = company_of(user)
    for _ in range(n):
        i = next(numbers)
        event = event_in(events_index, f"Événement {i}", days=10 + i)
        registered(user, event)
        offered(user, event_in(events_index, f"Complet {i}", days=20 + i))
        make_order(buyer_user=user)
        make_order(organisation=company, buyer_user=None)
        meeting_with(user, f"Partenaire {i}", event=event)
        unread_message_to(company, f"Message {i}")
        WaitlistEntryFactory(event=event_in(events_index, f"Attente {i}"), user=user, email=user.email)


def test_my_space_costs_a_bounded_number_of_queries_whatever_a_member_has(
    client, nadia, events_index, django_assert_max_num_queries
):
    _a_few_of_each(nadia, events_index, 1)
    client.force_login(nadia)
    client.get(MY_SPACE)  # warm the site and locale caches
    with CaptureQueriesContext(connection) as one_of_each:
        client.get(MY_SPACE)

    _a_few_of_each(nadia, events_index, 3)

    # Each panel reads its rows at once: three of each cost what one of each did (33 queries today, with the
    # board's suggestions and the page's navigation).
    with django_assert_max_num_queries(min(len(one_of_each), 36)):
        response = client.get(MY_SPACE)
    page = response.content.decode()
    assert page.count("Take my seat") == 4
    assert page.count(", table 2") == 4
    assert page.count("/payments/orders/") == 8
